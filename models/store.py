"""Saving and loading section models as plain arrays plus JSON, in one ``.npz`` file.

The file is a zip of ``.npy`` arrays read with ``allow_pickle=False``: loading it can never run
code.  Weights are stored for the columns a head actually uses, as float16 (the training step
already rounds them to float16 precision, so a round trip predicts identically).  Pickles and
unknown files are refused with a message, never opened.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

from corpus.errors import CorpusError
from models.features import HASH_VERSION, SectionFeatures
from models.heads import SIGMOID, FrozenHead

FORMAT = "zongjie-section-model"
FORMAT_VERSION = 1
_PICKLE_SUFFIXES = {".pkl", ".pickle", ".joblib", ".sav", ".pt", ".pth", ".skops"}


class ModelError(CorpusError):
    """A model file that cannot be used."""

    stage = "classify"
    error_type = "bad_model"
    hint = "train one with `python cli.py train LABELS -o model.npz`, or omit --model to use the shipped one"


def _tokenizer_by_name(name: str):
    """Known tokenizers a saved word model may name (created on demand, never global)."""
    if name == "jieba.lcut":
        import jieba

        return jieba.Tokenizer().lcut
    raise ModelError(f"the model needs tokenizer {name!r}; pass it to load_model(path, tokenizer=...)")


def save_model(model, path: str | Path) -> Path:
    """Write ``model`` (a SectionModel) to ``path`` (one .npz file, any name).

    Returns:
        The path written.
    """
    vec: SectionFeatures = model.vectorizer
    arrays: dict[str, np.ndarray] = {}
    for block, idf in (("body", vec.idf_body_), ("head", vec.idf_head_), ("context", vec.idf_context_)):
        cols = np.flatnonzero(idf).astype(np.int32)
        arrays[f"{block}_idf_cols"] = cols
        arrays[f"{block}_idf"] = idf[cols].astype(np.float32)
    heads = {}
    for name in ("topic", "role"):
        head: FrozenHead | None = getattr(model, name)
        if head is None:
            continue
        cols, coef = head.used_columns()
        arrays[f"{name}_cols"] = cols.astype(np.int32)
        arrays[f"{name}_coef"] = np.ascontiguousarray(coef.T).astype(np.float16)
        arrays[f"{name}_intercept"] = np.asarray(head.intercept, dtype=np.float32)
        if head.kind == SIGMOID:
            arrays[f"{name}_calib_a"] = np.asarray(head.calib_a, dtype=np.float64)
            arrays[f"{name}_calib_b"] = np.asarray(head.calib_b, dtype=np.float64)
        heads[name] = {"classes": [str(c) for c in head.classes_], "kind": head.kind,
                       "n_features": head.n_features}
    tok = model.meta.get("tokenizer")
    meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "vectorizer": vec.get_config(),
            "tokenizer": tok, "heads": heads, "meta": model.meta}
    arrays["meta_json"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_npz_bytes(arrays))
    return path


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An .npz (zip of .npy, deflated) with fixed timestamps, so that the same model gives the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(arrays):
            npy = io.BytesIO()
            np.lib.format.write_array(npy, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, npy.getvalue())
    return buf.getvalue()


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise ModelError(f"no model file at {path}")
    if path.suffix.lower() in _PICKLE_SUFFIXES:
        raise ModelError(f"{path.name}: refusing to load a {path.suffix} file (pickle-like formats can run code); "
                         "models are .npz files written by save_model")
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic[:1] == b"\x80":
        raise ModelError(f"{path.name} is a pickle; refusing to load it (a pickle can run code)")
    if magic != b"PK\x03\x04" or not zipfile.is_zipfile(path):
        raise ModelError(f"{path.name} is not a zongjie model (.npz written by save_model)")


def load_model(path: str | Path, *, tokenizer=None):
    """Read a model written by ``save_model``; never unpickles.

    Args:
        path: the .npz file.
        tokenizer: for word-level models, the tokenizer they were trained with
            (default: the one the model names, when it is a known one such as jieba.lcut).

    Raises:
        ModelError: missing file, a pickle, not a model, or a model of another format version.
    """
    from models.topic import SectionModel  # the container; imported here to avoid a cycle

    path = Path(path)
    _check_file(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{path.name}: cannot read model arrays ({exc})") from None
    try:
        meta = json.loads(arrays.pop("meta_json").tobytes().decode("utf-8"))
    except (KeyError, ValueError) as exc:
        raise ModelError(f"{path.name}: no model description inside ({exc})") from None
    if meta.get("format") != FORMAT:
        raise ModelError(f"{path.name} is not a zongjie section model")
    if meta.get("format_version") != FORMAT_VERSION or meta["vectorizer"].get("hash") != HASH_VERSION:
        raise ModelError(f"{path.name} was written by another version (format {meta.get('format_version')}, "
                         f"hash {meta['vectorizer'].get('hash')}); retrain it")
    cfg = dict(meta["vectorizer"])
    cfg.pop("hash", None)
    cfg["ngram_range"] = tuple(cfg["ngram_range"])
    if cfg["analyzer"] == "word":
        cfg["tokenizer"] = tokenizer or _tokenizer_by_name(meta.get("tokenizer") or "")
    vec = SectionFeatures(**cfg)
    for block, width in (("body", vec.n_features), ("head", vec.heading_features),
                         ("context", vec.context_features)):
        idf = np.zeros(width, dtype=np.float32)
        idf[arrays[f"{block}_idf_cols"]] = arrays[f"{block}_idf"]
        setattr(vec, f"idf_{block}_", idf)
    heads: dict[str, FrozenHead | None] = {"topic": None, "role": None}
    for name in (n for n in ("topic", "role") if n in meta["heads"]):
        info = meta["heads"][name]
        # the used columns and their float16 weights, as stored: the dense (n_features x classes)
        # array is only built if something asks for it (classifying does not)
        heads[name] = FrozenHead.from_columns(np.array(info["classes"], dtype=object), arrays[f"{name}_cols"],
                                              arrays[f"{name}_coef"].T, info["n_features"],
                                              arrays[f"{name}_intercept"], info["kind"],
                                              arrays.get(f"{name}_calib_a"), arrays.get(f"{name}_calib_b"))
    return SectionModel(vec, heads["topic"], heads["role"], meta["meta"])
