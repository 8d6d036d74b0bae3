"""Training, predicting, saving and loading on toy sections; classifying a document's sections."""
from __future__ import annotations

import numpy as np
import pytest

from corpus.records import Document
from corpus.sections import split_sections
from models.features import section_text, split_section_text
from models.store import load_model, save_model
from models.taxonomy import TaxonomyError
from models.topic import classify_many, classify_sections, predict, section_contexts, section_texts, train


def test_label_sets(toy_model):
    assert set(toy_model.topic.classes_) == {"社会救助", "养老服务", "教育"}
    assert set(toy_model.role.classes_) == {"做法成效", "问题不足", "计划打算"}


def test_predict_shape_and_scores(toy_model, toy_data):
    texts, topics, roles = toy_data
    preds = predict(toy_model, texts)
    assert len(preds) == len(texts)
    for topic, ts, role, rs in preds:
        assert topic in {"社会救助", "养老服务", "教育"} and role in {"做法成效", "问题不足", "计划打算"}
        assert 0.0 < ts <= 1.0 and 0.0 < rs <= 1.0
    # the toy set is separable: the model fits its own training data
    assert [p[0] for p in preds] == topics
    assert [p[2] for p in preds] == roles


def test_predict_unseen_and_empty(toy_model):
    (topic, _, role, _), = predict(toy_model, [section_text("三、养老", "为80岁以上老人发放高龄津贴,新建老年食堂")])
    assert topic == "养老服务"
    assert predict(toy_model, []) == []


def test_pipelines_are_sklearn(toy_model, toy_data):
    texts, topics, _ = toy_data
    pipe = toy_model.pipeline("topic")
    assert [name for name, _ in pipe.steps] == ["features", "clf"]
    assert list(pipe.predict(texts[:3])) == topics[:3]
    assert np.allclose(pipe.predict_proba(texts[:3]).sum(axis=1), 1.0)


def test_save_load_round_trip(toy_model, toy_data, tmp_path):
    texts, _, _ = toy_data
    path = save_model(toy_model, tmp_path / "toy.npz")
    loaded = load_model(path)
    assert predict(loaded, texts) == predict(toy_model, texts)
    assert loaded.meta["n_texts"] == len(texts)
    # any file name works; the file is a plain zip of .npy arrays
    other = save_model(toy_model, tmp_path / "model.bin")
    assert predict(load_model(other), texts[:2]) == predict(toy_model, texts[:2])


def test_same_seed_same_model(toy_data):
    texts, topics, roles = toy_data
    kw = dict(random_state=0, n_features=2 ** 14, heading_features=2 ** 12, context_features=2 ** 12, min_df=1)
    a, b = train(texts, topics, roles, **kw), train(texts, topics, roles, **kw)
    assert np.array_equal(a.topic.coef, b.topic.coef)


def test_calibrated_svc_head(toy_data, tmp_path):
    texts, topics, roles = toy_data
    model = train(texts, topics, roles, classifier="svc", random_state=0, n_features=2 ** 14, min_df=1)
    preds = predict(model, texts)
    assert sum(p[0] == t for p, t in zip(preds, topics)) >= len(texts) - 2
    assert predict(load_model(save_model(model, tmp_path / "svc.npz")), texts) == preds


def test_unlabelled_rows_are_left_out(toy_data):
    texts, topics, roles = toy_data
    model = train(texts, [None] * 3 + topics[3:], roles, random_state=0, min_df=1)
    assert model.meta["label_counts"]["topic"]["社会救助"] == 2


def test_train_errors(toy_data):
    texts, topics, roles = toy_data
    with pytest.raises(ValueError, match="differ in length"):
        train(texts, topics[:-1], roles)
    with pytest.raises(ValueError, match="at least two different labels"):
        train(texts, ["教育"] * len(texts), roles)
    with pytest.raises(TaxonomyError, match="not in taxonomy"):
        train(texts, ["体育彩票"] + topics[1:], roles, taxonomy="default")


def test_section_text_round_trip():
    text = section_text("(一)优抚安置", "(一)优抚安置\n发放优抚金", ["一、主要工作", "二级\n标题"])
    assert split_section_text(text) == ("一、主要工作 二级 标题", "(一)优抚安置", "(一)优抚安置\n发放优抚金")


DOC_TEXT = """社区民政工作总结
一、社会救助
全年审核低保家庭86户,临时救助困难群众45户次,发放救助金8.6万元。
(一)低保
低保对象动态管理,全年新纳入低保21户。
(二)临时救助
对因病因灾困难家庭实施临时救助。
二、养老服务
新建老年食堂3个,发放高龄津贴。敬老院新增床位40张。
三、存在的问题
养老服务设施不足,护理人员年龄偏大。
四、下一步打算
明年将完善低保动态管理,新建日间照料中心。"""


def _document(text: str) -> Document:
    return Document(doc_id="d1", source_path="toy.txt", part_index=0, title="社区民政工作总结", year=None,
                    year_placeholder=False, text=text, original_text=text, char_count=len(text), encoding="utf-8",
                    format="txt", script="zh-Hans", content_hash="x")


def test_classify_sections_fills_every_section(toy_model, tmp_path):
    doc = _document(DOC_TEXT)
    sections, _ = split_sections(doc.doc_id, doc.text, doc.title)
    assert len(sections) >= 6
    path = str(save_model(toy_model, tmp_path / "toy.npz"))
    out = classify_sections(doc, sections, model_path=path)
    assert [s.section_id for s in out] == [s.section_id for s in sections]
    assert all(s.topic and s.role and 0 < s.topic_score <= 1 and 0 < s.role_score <= 1 for s in out)
    assert all(a.start == b.start and a.end == b.end and a.heading == b.heading for a, b in zip(out, sections))
    # the one-pass scores equal classifying each section's text on its own
    expected = predict(load_model(path), section_texts(doc, sections))
    assert [(s.topic, s.role) for s in out] == [(p[0], p[2]) for p in expected]
    assert np.allclose([s.topic_score for s in out], [p[1] for p in expected], atol=2e-4)
    by_heading = {s.heading: s for s in out}
    assert by_heading["养老服务"].topic == "养老服务"
    assert by_heading["存在的问题"].role == "问题不足"
    assert classify_sections(doc, [], model_path=path) == []


def test_classify_many_equals_one_document_at_a_time(toy_model, tmp_path):
    path = str(save_model(toy_model, tmp_path / "toy.npz"))
    texts = [DOC_TEXT, "二、养老服务\n新建老年食堂3个。", DOC_TEXT.replace("低保", "特困供养"), "没有标题的一段话"]
    items = []
    for i, text in enumerate(texts):
        doc = _document(text)
        doc = type(doc)(**{**{f: getattr(doc, f) for f in doc.__dataclass_fields__}, "doc_id": f"d{i}"})
        items.append((doc, split_sections(doc.doc_id, doc.text, doc.title)[0]))
    items.insert(2, (items[1][0], []))  # a document without sections
    together = classify_many(items, model_path=path)
    alone = [classify_sections(doc, secs, model_path=path) for doc, secs in items]
    assert [len(x) for x in together] == [len(x) for x in alone] and together[2] == []
    for a, b in zip(together, alone):
        assert [(s.section_id, s.topic, s.role) for s in a] == [(s.section_id, s.topic, s.role) for s in b]
        assert np.allclose([s.topic_score for s in a], [s.topic_score for s in b], atol=1e-4)
        assert np.allclose([s.role_score for s in a], [s.role_score for s in b], atol=1e-4)


@pytest.mark.parametrize("max_body_chars", [0, 8, 30, 10_000])
def test_transform_spans_equals_transform(toy_model, max_body_chars, monkeypatch):
    doc = _document(DOC_TEXT)
    sections, _ = split_sections(doc.doc_id, doc.text, doc.title)
    vec = toy_model.vectorizer
    monkeypatch.setattr(vec, "max_body_chars", max_body_chars)
    # the one-pass path holds (it is not the fallback to transform)
    assert vec.span_coo(doc.text, [s.heading for s in sections], [(s.start, s.end) for s in sections],
                        section_contexts(sections)) is not None
    fast = vec.transform_spans(doc.text, [s.heading for s in sections], [(s.start, s.end) for s in sections],
                               section_contexts(sections))
    slow = vec.transform(section_texts(doc, sections))
    assert fast.shape == slow.shape
    assert abs(fast - slow).max() < 1e-6
    # some sections only, none at the start of the text (found in review: one stretch of text
    # not starting at 0 was read at the wrong offsets)
    inner = [s for s in sections if s.level > 0]
    for some in ([inner[1]], inner[:2], inner[1:4:2]):
        fast = vec.transform_spans(doc.text, [s.heading for s in some], [(s.start, s.end) for s in some],
                                   section_contexts(some))
        assert abs(fast - vec.transform(section_texts(doc, some))).max() < 1e-6


def test_section_contexts_leave_out_the_root():
    doc = _document(DOC_TEXT)
    sections, _ = split_sections(doc.doc_id, doc.text, doc.title)
    contexts = dict(zip((s.heading for s in sections), section_contexts(sections)))
    assert contexts["社会救助"] == ()
    assert contexts["低保"] == ("社会救助",)
