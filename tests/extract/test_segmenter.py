"""The fast segmenter (jieba-rs through rjieba) must cut the windows around numbers as jieba does."""
from __future__ import annotations

import re

import pytest

from extract.subjects import jieba_tokenizer, tokenizer

pytest.importorskip("rjieba")

SAMPLES = [
    "为19名困难群众发放应急救助金", "走访1700余名退役军人", "全年城镇新增就业人员", "全镇有低保户",
    "城镇居民人均可支配收入完成", "其中城镇低保", "配备专职网格员", "发放优抚金", "全年实施临时救助",
    "社会消费品零售总额", "规模以上工业增加值", "新改建农村公路", "建设保障性安居工程",
]


def _windows(texts: list[str]) -> list[str]:
    out = []
    for t in texts:
        for m in re.finditer(r"[\u4e00-\u9fff]{2,12}(?=\d)", t):
            out.append(m.group(0))
    return out


def test_same_cuts_on_samples():
    fast, ref = tokenizer(), jieba_tokenizer()
    for w in SAMPLES:
        assert fast.lcut(w, HMM=False) == ref.lcut(w, HMM=False), w


def test_same_cuts_on_corpus_windows(shared_corpus):
    from corpus.load import load_documents

    texts = [d.text for p in sorted(shared_corpus.rglob("*.txt"))[:30] for d in load_documents(p)]
    windows = sorted(set(_windows(texts)))[:3000]
    fast, ref = tokenizer(), jieba_tokenizer()
    differ = [w for w in windows if fast.lcut(w, HMM=False) != ref.lcut(w, HMM=False)]
    print(f"\nsegmenter agreement: {1 - len(differ) / len(windows):.4f} on {len(windows)} windows")
    assert len(differ) / len(windows) <= 0.01, differ[:10]
