"""HTML pages and fragments: the main text, without the site chrome."""
from __future__ import annotations

import re
from pathlib import Path

from corpus.encoding import decode_bytes
from corpus.errors import BrokenFile, LimitExceeded
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section",
          "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "title")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select",
         "button", "svg", "template")
_FULL_PAGE = re.compile(r"<\s*(?:html|body|head)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def nesting_depth(html: str) -> int:
    """Deepest element nesting, by a linear scan of the tags (void and self-closed tags
    do not nest).  Used to refuse pathological pages before a parser recurses into them.

    >>> nesting_depth("<div><p>a<br>b</p></div>")
    2
    """
    depth = best = 0
    for m in _TAG.finditer(html):
        closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or rest.rstrip().endswith("/"):
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            best = max(best, depth)
    return best


def _block_text(html: str) -> str:
    """Text of an HTML fragment with block elements on lines of their own."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise BrokenFile(f"HTML could not be parsed: {exc}") from None
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    for el in root.iter(*_BLOCK):
        el.tail = "\n" + (el.tail or "")
        if el.tag == "br":
            continue
        el.text = "\n" + (el.text or "")
    for el in root.iter("td", "th"):
        el.tail = "\t" + (el.tail or "")
    return root.text_content()


def html_to_source(html: str, rel: str, *, encoding: str, limits: Limits = DEFAULT_LIMITS,
                   notes: tuple[str, ...] = ()) -> SourceText:
    """Main text of a saved page (trafilatura) or of a fragment (block text)."""
    depth = nesting_depth(html)
    if depth > limits.max_html_depth:
        raise LimitExceeded(
            f"HTML nesting depth {depth} exceeds the limit max_html_depth={limits.max_html_depth}"
        )
    title = None
    if _FULL_PAGE.search(html[:20000]):
        import trafilatura

        text = trafilatura.extract(html, include_tables=True, include_comments=False,
                                   favor_recall=True, deduplicate=False)
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta is not None else None
        fmt = "html"
        if not text or not text.strip():
            text = _block_text(html)
            notes = notes + ("main-text extraction found nothing; used all page text",)
    else:
        text = _block_text(html)
        fmt = "html-fragment"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(rel, text, encoding, fmt, notes=notes, title_hint=title)


def read_html(path: Path, rel: str, *, limits: Limits = DEFAULT_LIMITS,
              encoding: str | None = None) -> list[SourceText]:
    data = path.read_bytes()
    if encoding is None:
        m = _CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            try:
                data.decode(declared)
                encoding = declared
            except (UnicodeDecodeError, LookupError):
                encoding = None
    dec = decode_bytes(data, encoding=encoding)
    notes = (f"replaced {dec.bad_chars} undecodable characters",) if dec.bad_chars else ()
    return [html_to_source(dec.text, rel, encoding=dec.encoding, limits=limits, notes=notes)]
