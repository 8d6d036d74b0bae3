"""HTML pages and fragments: the main text, without the site chrome.

Safety: the nesting depth is measured by a linear scan before any parser sees the page (a
page nested thousands deep is refused, naming ``max_html_depth``); pages are parsed once by
lxml with ``huge_tree`` so that libxml2 does not silently drop text below depth 255, and
nothing is fetched (lxml's HTML parser never loads external resources, trafilatura gets the
parsed tree and no URL).
"""
from __future__ import annotations

import re
from pathlib import Path

from corpus.encoding import decode_bytes
from corpus.errors import BrokenFile, LimitExceeded
from corpus.limits import DEFAULT_LIMITS, Limits
from corpus.records import SourceText

# "<" + name + attributes up to ">"; the attributes stop at "<" too, so a page full of
# unclosed "<a" costs linear time.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)([^<>]*)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements whose end tag may be omitted: an opening one closes an open sibling of the same kind.
# (Open elements of these kinds are closed from the top of the stack down.)
_SECTION = {"tbody", "thead", "tfoot", "tr", "td", "th"}
_IMPLIED_END = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
                "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}, "thead": _SECTION,
                "tbody": _SECTION, "tfoot": _SECTION}
# Block elements that close an open <p>.
_CLOSES_P = frozenset("p div ul ol dl table h1 h2 h3 h4 h5 h6 section article blockquote pre form hr".split())
_BLOCK = ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section",
          "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "title")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select",
         "button", "svg", "template")
_RAW_TEXT = frozenset(("script", "style"))  # their content is not markup
_FULL_PAGE = re.compile(r"<\s*(?:html|body|head)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^<>]{0,500}charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def nesting_depth(html: str, *, stop_at: int | None = None) -> int:
    """Deepest element nesting, by a linear scan of the tags, the way a browser counts it:
    void and self-closed tags do not nest, an omitted end tag (``<p>a<p>b``, ``<li>``, ``<td>``)
    is implied, a stray end tag is ignored, script and style content is not markup.  Used to
    refuse pathological pages before a parser recurses into them; stops counting past ``stop_at``.

    >>> nesting_depth("<div><p>a<br>b</p></div>")
    2
    >>> nesting_depth("<ul><li>a<li>b<li>c</ul><p>x<p>y")
    2
    """
    stack: list[str] = []
    best = 0
    raw_until = None
    for m in _TAG.finditer(html):
        closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        if raw_until is not None:
            if closing and name == raw_until:
                raw_until = None
                stack.pop()
            continue
        if name in _VOID or rest.rstrip().endswith("/"):
            continue
        if closing:
            # pop back to the matching open element; ignore an end tag nothing matches
            for k in range(len(stack) - 1, max(-1, len(stack) - 64), -1):
                if stack[k] == name:
                    del stack[k:]
                    break
            continue
        if stack:
            implied = _IMPLIED_END.get(name)
            if implied and stack[-1] in implied:
                while stack and stack[-1] in implied:
                    stack.pop()
            elif name in _CLOSES_P and stack[-1] == "p":
                stack.pop()
        stack.append(name)
        if name in _RAW_TEXT:
            raw_until = name
        if len(stack) > best:
            best = len(stack)
            if stop_at is not None and best > stop_at:
                return best
    return best


def _parse(html: str):
    """lxml tree of a page or fragment (huge_tree: no silent truncation below depth 255)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True, no_network=True, remove_comments=True)
    try:
        return lxml.html.fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise BrokenFile(f"HTML could not be parsed: {exc}") from None


def _block_text(html: str) -> str:
    """Text of an HTML fragment with block elements on lines of their own."""
    root = _parse(html)
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
    """Main text of a saved page (trafilatura) or of a fragment (block text).

    Raises:
        LimitExceeded: the page nests deeper than ``limits.max_html_depth``.
        BrokenFile: lxml cannot parse it.
    """
    depth = nesting_depth(html, stop_at=limits.max_html_depth)
    if depth > limits.max_html_depth:
        raise LimitExceeded(
            f"HTML nested more than {limits.max_html_depth} elements deep, over "
            f"max_html_depth={limits.max_html_depth} (a real page nests a few dozen)"
        )
    title = None
    if _FULL_PAGE.search(html[:20000]):
        import trafilatura

        # metadata first: extract() may prune the tree it is given
        meta = trafilatura.extract_metadata(_parse(html))
        title = meta.title if meta is not None else None
        text = trafilatura.extract(_parse(html), include_tables=True, include_comments=False,
                                   favor_recall=True, deduplicate=False)
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
    """Read a saved .html page: the declared charset when it decodes, else detection."""
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
    notes = (dec.note,) if dec.note else ()
    return [html_to_source(dec.text, rel, encoding=dec.encoding, limits=limits, notes=notes)]
