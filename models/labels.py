"""The labelled set of sections: where each came from, how to get its text back, and how labels
were proposed before they were checked by hand.

``labels/sections.csv`` stores a pointer per section — source path (relative to the corpus root,
or ``examples/...``), row and part index, start/end offsets, a short heading — with its topic,
role, how it was labelled (heading-rule / seed / manual-corrected), its document group and its
split (train/test, by group).  It stores no section text: the text is re-derived from the corpus
with the pipeline.  ``labels/written_sections.jsonl`` holds a few short sections written by us
for labels the corpus barely covers; they carry their text and are only ever used for training.
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from models.features import section_text
from models.taxonomy import Taxonomy, load_taxonomy

LABELS_DIR = Path(__file__).resolve().parent / "labels"
LABELS_PATH = LABELS_DIR / "sections.csv"
WRITTEN_PATH = LABELS_DIR / "written_sections.jsonl"
REPO_ROOT = Path(__file__).resolve().parent.parent
SEARCH_WINDOW = 3000  # how far a labelled section may have moved when the splitter changes


@dataclass(frozen=True, slots=True)
class LabelledText:
    text: str
    topic: str | None
    role: str | None
    group: str
    split: str  # train / test
    origin: str  # corpus / example / written
    genre: str


def read_label_rows(path: str | Path = LABELS_PATH) -> list[dict]:
    """The rows of a sections.csv labels file."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_written(path: str | Path = WRITTEN_PATH) -> list[dict]:
    """The sections written by us (with their text)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm(h: str) -> str:
    return re.sub(r"\s+", " ", h or "").strip()


def _match(sections: list, row: dict):
    if str(row.get("level")) == "0":  # the root: the whole document, whatever its title became
        return sections[0] if sections and sections[0].level == 0 else None
    start, end = int(row["start"]), int(row["end"])
    for s in sections:
        if s.start == start and s.end == end:
            return s
    head = _norm(row["heading"])
    near = [s for s in sections if _norm(s.heading)[:len(head)] == head and abs(s.start - start) <= SEARCH_WINDOW]
    return min(near, key=lambda s: abs(s.start - start)) if near else None


def resolve_rows(rows: Sequence[dict], *, corpus_root: str | Path | None,
                 examples_root: str | Path | None = None) -> tuple[list[tuple[dict, str]], list[dict]]:
    """Section texts of labelled rows, re-derived with the pipeline.

    Returns:
        ((row, text) pairs that were found, rows that could not be found or whose file is absent).
    """
    from corpus.load import load_documents
    from extract.pipeline import ExtractConfig, analyse_document
    from models.topic import section_contexts

    examples_root = Path(examples_root) if examples_root else REPO_ROOT / "examples"
    by_file: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_file[r["source_path"]].append(r)
    found: list[tuple[dict, str]] = []
    lost: list[dict] = []
    for rel, file_rows in by_file.items():
        path = examples_root / rel[len("examples/"):] if rel.startswith("examples/") else (
            Path(corpus_root) / rel if corpus_root else None)
        if path is None or not path.is_file():
            lost.extend(file_rows)
            continue
        docs = {(d.row_index, d.part_index): d for d in load_documents(path, rel=rel)}
        cache: dict = {}
        for r in file_rows:
            key = (int(r["row_index"]) if r["row_index"] not in ("", None) else None, int(r["part_index"]))
            doc = docs.get(key)
            if doc is None:
                lost.append(r)
                continue
            if key not in cache:
                secs = analyse_document(doc, ExtractConfig(steps=())).sections
                cache[key] = (secs, dict(zip((x.section_id for x in secs), section_contexts(secs))))
            secs, contexts = cache[key]
            s = _match(secs, r)
            if s is None:
                lost.append(r)
                continue
            found.append((r, section_text(s.heading or "", doc.text[s.start:s.end], contexts[s.section_id])))
    return found, lost


def labelled_texts(*, corpus_root: str | Path | None, examples_root: str | Path | None = None,
                   labels_path: str | Path = LABELS_PATH, written_path: str | Path | None = WRITTEN_PATH,
                   ) -> tuple[list[LabelledText], list[dict]]:
    """Every labelled section with its text: corpus and example sections, then written ones.

    Returns:
        (labelled texts, label rows that could not be resolved)
    """
    found, lost = resolve_rows(read_label_rows(labels_path), corpus_root=corpus_root, examples_root=examples_root)
    out = [LabelledText(text, r["topic"] or None, r["role"] or None, r["group"], r["split"],
                        "example" if r["source_path"].startswith("examples/") else "corpus", r["genre"])
           for r, text in found]
    if written_path:
        out += [LabelledText(section_text(w["heading"], w["text"]), w["topic"] or None, w["role"] or None,
                             "written", "train", "written", "written") for w in read_written(written_path)]
    return out, lost


# -- proposing labels (the first pass before checking by hand) -------------------------------------
_ROLE_RULES = (
    ("问题不足", re.compile(r"存在的?问题|问题(与|和)不足|不足之处|困难和问题|存在的?不足|遇到的问题|问题(与|以及)解决")),
    ("体会经验", re.compile(r"体会|经验|心得|启示|反思|感悟|收获")),
    ("其他", re.compile(r"引言|前言|结语|结束语|目录|^注|名词解释")),
    ("计划打算", re.compile(r"计划|打算|安排|任务|目标|下一步|下周|下年度|规划|建议|部署|重点工作|今后|展望|思路")),
    ("概况", re.compile(r"概况|基本情况|(^|、|\))综合$|形势|概览")),
    ("做法成效", re.compile(r"回顾|成效|成绩|成就|总结|进展|完成情况|做法|成果")),
)


def propose_role(heading: str, ancestors: Sequence[str] = ()) -> tuple[str | None, str]:
    """Role named by a heading (or, failing that, by the nearest ancestor heading).

    >>> propose_role("存在的问题")
    ('问题不足', 'heading-rule')
    >>> propose_role("(三)加强农业基础", ["2026年工作安排"])
    ('计划打算', 'heading-rule')
    """
    for h in (heading, *ancestors):
        for role, rx in _ROLE_RULES:
            if rx.search(h or ""):
                return role, "heading-rule"
    return None, "none"


def propose_topic(heading: str, body: str, taxonomy: Taxonomy | None = None) -> tuple[str | None, str]:
    """Topic whose seed terms the heading names; else the one whose seeds the body uses most.

    >>> propose_topic("三、双拥工作", "")
    ('双拥优抚', 'heading-rule')
    >>> propose_topic("(二)", "为困难群众发放低保金,开展临时救助")
    ('社会救助', 'seed')
    """
    tax = taxonomy or load_taxonomy()
    def score(text: str, cat) -> int:
        return sum(text.count(s) for s in cat.seeds)
    best = max(tax.topics, key=lambda c: score(heading, c))
    if score(heading, best):
        return best.label, "heading-rule"
    counts = {c.label: score(body, c) * (0.5 if c.label == "经济发展" else 1.0)  # the broad topic needs more
              for c in tax.topics}
    label = max(counts, key=counts.get)
    return (label, "seed") if counts[label] > 0 else (None, "none")
