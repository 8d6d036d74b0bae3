"""train_from_table: a labels table in, a model file and cross-validated metrics out."""
from __future__ import annotations

import csv
import json

import pytest

from models.evaluate import LabelsError
from models.store import load_model
from models.topic import predict, train_from_table
from tests.models.conftest import TOY

SMALL = dict(n_features=2 ** 14, heading_features=2 ** 12, context_features=2 ** 12, min_df=1)


def _rows():
    return [{"text": f"{h}\n{h}\n{b}", "label": t, "role": r, "group": f"doc{i % 4}"}
            for i, (h, b, t, r) in enumerate(TOY)]


def _write_csv(path):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "label", "role", "group"])
        w.writeheader()
        w.writerows(_rows())
    return path


def test_csv(tmp_path):
    table = _write_csv(tmp_path / "labels.csv")
    out = tmp_path / "model.npz"
    result = train_from_table(table, out, cv=2, random_state=0, **SMALL)
    assert result["model"] == str(out) and result["n"] == len(TOY)
    for head in ("topic", "role"):
        m = result["cv"][head]
        assert m["n"] == len(TOY) and 0 <= m["accuracy"] <= 1 and 0 <= m["macro_f1"] <= 1
        assert set(m["report"]) <= {t for _, _, t, _ in TOY} | {r for *_, r in TOY}
    model = load_model(out)
    assert model.meta["cv"]["topic"]["n"] == len(TOY)
    assert len(predict(model, [r["text"] for r in _rows()])) == len(TOY)
    json.dumps(result)  # plain data


def test_parquet_jsonl_and_test_split(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [dict(r, split="test" if i < 3 else "train") for i, r in enumerate(_rows())]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "labels.parquet")
    result = train_from_table(tmp_path / "labels.parquet", tmp_path / "m.npz", cv=0, **SMALL)
    assert "cv" not in result and result["n_fit"] == len(TOY) - 3
    assert result["test"]["topic"]["n"] == 3
    with open(tmp_path / "labels.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"text": r["text"], "label": r["label"]}, ensure_ascii=False) + "\n" for r in rows)
    result = train_from_table(tmp_path / "labels.jsonl", tmp_path / "t.npz", cv=0, **SMALL)
    assert load_model(tmp_path / "t.npz").role is None


def test_bad_tables(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("body,label\nx,教育\n", encoding="utf-8")
    with pytest.raises(LabelsError, match="missing column"):
        train_from_table(table, tmp_path / "m.npz")
    with pytest.raises(LabelsError, match="cannot read"):
        train_from_table(tmp_path / "absent.csv", tmp_path / "m.npz")


def test_cli_train_then_extract_with_the_model(tmp_path):
    """`cli.py train` prints the cross-validated scores, and `extract --model` uses the file."""
    from click.testing import CliRunner

    import cli

    table = _write_csv(tmp_path / "labels.csv")
    model = tmp_path / "mine.npz"
    res = CliRunner().invoke(cli.main, ["train", str(table), "-o", str(model), "--cv", "2"])
    assert res.exit_code == 0, res.output
    assert f"trained on {len(TOY)} of {len(TOY)} rows" in res.output
    assert "cv   topic accuracy=" in res.output and "cv   role  accuracy=" in res.output
    report = tmp_path / "r.txt"
    report.write_text("一、社会救助\n全年发放低保金312万元,临时救助57户次。\n二、下一步打算\n继续做好低保动态复核。\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli.main, ["extract", str(report), "-o", str(out), "--model", str(model), "-q"])
    assert res.exit_code == 0, res.output
    import pyarrow.dataset as ds

    topics = set(ds.dataset(out / "sections").to_table().column("topic").to_pylist())
    assert topics and topics <= {t for _, _, t, _ in TOY}
