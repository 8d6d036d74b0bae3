"""Loading refuses anything that is not a model written by save_model, and never unpickles."""
from __future__ import annotations

import io
import json
import pickle
import zipfile

import numpy as np
import pytest

from models.store import FORMAT, ModelError, load_model, save_model


class Boom:
    def __reduce__(self):  # would run code if anyone unpickled it
        return (eval, ("1/0",))


def test_refuses_a_pickle(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(pickle.dumps(Boom()))
    with pytest.raises(ModelError, match="pickle"):
        load_model(path)


@pytest.mark.parametrize("name", ["model.pkl", "model.joblib", "model.pickle"])
def test_refuses_pickle_suffixes(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04whatever")
    with pytest.raises(ModelError, match="refusing"):
        load_model(path)


def test_refuses_unknown_files(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("这不是模型", encoding="utf-8")
    with pytest.raises(ModelError, match="not a zongjie model"):
        load_model(path)


def test_refuses_other_npz_and_object_arrays(tmp_path):
    plain = tmp_path / "plain.npz"
    np.savez(plain, a=np.arange(3))
    with pytest.raises(ModelError, match="no model description"):
        load_model(plain)
    objects = tmp_path / "objects.npz"
    np.savez(objects, meta_json=np.array([Boom()], dtype=object))
    with pytest.raises(ModelError, match="cannot read model arrays"):
        load_model(objects)


def test_refuses_other_formats_and_versions(tmp_path, toy_model):
    good = save_model(toy_model, tmp_path / "good.npz")
    with np.load(good, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(arrays["meta_json"].tobytes())
    for change, message in (({"format": "other"}, "not a zongjie section model"),
                            ({"format_version": 99}, "another version")):
        bad = dict(arrays, meta_json=np.frombuffer(json.dumps(meta | change).encode(), dtype=np.uint8))
        buf = io.BytesIO()
        np.savez(buf, **bad)
        path = tmp_path / "bad.npz"
        path.write_bytes(buf.getvalue())
        with pytest.raises(ModelError, match=message):
            load_model(path)
    assert meta["format"] == FORMAT


def test_missing_file(tmp_path):
    with pytest.raises(ModelError, match="no model file"):
        load_model(tmp_path / "absent.npz")


def test_saved_file_holds_only_arrays(tmp_path, toy_model):
    path = save_model(toy_model, tmp_path / "m.npz")
    with zipfile.ZipFile(path) as z:
        assert all(name.endswith(".npy") for name in z.namelist())
    with np.load(path, allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)


def test_same_model_same_bytes(tmp_path, toy_model):
    a = save_model(toy_model, tmp_path / "a.npz").read_bytes()
    b = save_model(load_model(tmp_path / "a.npz"), tmp_path / "b.npz").read_bytes()
    assert a == b
