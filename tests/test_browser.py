"""The pages in a real browser: headless Chromium (Debian's ``chromium`` package) driven over the
Chrome DevTools Protocol through ``--remote-debugging-pipe`` (JSON messages on file descriptors
3 and 4), so the test needs no driver, no websocket library and no browser download.

Skipped cleanly when /usr/bin/chromium is absent (``apt-get install -y chromium``).
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ZONGJIE_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "问题核查示例_总结.txt"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--window-size=1280,900"]

pytestmark = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"{CHROMIUM} is not installed")


def _high_fd(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class Browser:
    """A minimal CDP client over Chromium's debugging pipe."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="zongjie-chromium-")
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()
        # Move the child's ends above 9 so that the shell's "3<&N 4>&M" cannot clobber one with the other.
        to_chrome_r, from_chrome_w = _high_fd(to_chrome_r), _high_fd(from_chrome_w)
        args = " ".join(shlex.quote(a) for a in [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}",
                                                 "--remote-debugging-pipe", "about:blank"])
        # bash (dash takes only one-digit descriptors) moves our pipe ends to the descriptors 3 and 4
        # that Chromium reads and writes.
        self.proc = subprocess.Popen(["/bin/bash", "-c", f"exec {args} 3<&{to_chrome_r} 4>&{from_chrome_w}"],
                                     pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._id = 0
        self._lock = threading.Lock()
        self._waiting: dict[int, queue.Queue] = {}
        self.events: queue.Queue = queue.Queue()
        self.dialogs: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
        except (OSError, queue.Empty) as exc:
            self.close()
            raise RuntimeError(f"{CHROMIUM} did not start or does not speak CDP over a pipe: {exc!r}") from None
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")
        self.page("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._r, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg and msg["id"] in self._waiting:
                    self._waiting.pop(msg["id"]).put(msg)
                else:
                    if msg.get("method") == "Page.javascriptDialogOpening":
                        self.dialogs.append(msg["params"])
                        threading.Thread(target=self.page, args=("Page.handleJavaScriptDialog",),
                                         kwargs={"accept": True}, daemon=True).start()
                    self.events.put(msg)

    def call(self, method: str, session: str | None = None, **params) -> dict:
        with self._lock:
            self._id += 1
            mid = self._id
            q: queue.Queue = queue.Queue()
            self._waiting[mid] = q
            msg = {"id": mid, "method": method, "params": params}
            if session:
                msg["sessionId"] = session
            os.write(self._w, json.dumps(msg).encode() + b"\0")
        reply = q.get(timeout=self.timeout)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def page(self, method: str, **params) -> dict:
        return self.call(method, self.session, **params)

    def wait_event(self, method: str, timeout: float | None = None) -> dict:
        end = time.monotonic() + (timeout or self.timeout)
        while True:
            msg = self.events.get(timeout=max(0.01, end - time.monotonic()))
            if msg.get("method") == method:
                return msg.get("params", {})

    def open(self, path: Path, *, script: bool = True) -> float:
        """Load a file and wait until it is laid out and painted (two animation frames after
        the load event; with ``script=False`` only the load event); return the seconds taken."""
        while not self.events.empty():
            self.events.get_nowait()
        t0 = time.monotonic()
        self.page("Page.navigate", url=path.resolve().as_uri())
        self.wait_event("Page.loadEventFired")
        if script:
            self.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(document.body.offsetHeight))))")
        return time.monotonic() - t0

    # Without JavaScript in the page: the DOM domain and layout metrics instead of Runtime.evaluate.
    def node(self, selector: str) -> int:
        root = self.page("DOM.getDocument", depth=0)["root"]["nodeId"]
        node = self.page("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        if not node:
            raise LookupError(selector)
        return node

    def attr(self, selector: str, name: str) -> str | None:
        a = self.page("DOM.getAttributes", nodeId=self.node(selector))["attributes"]
        return dict(zip(a[0::2], a[1::2])).get(name)

    def box(self, selector: str) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of an element in viewport coordinates."""
        q = self.page("DOM.getBoxModel", nodeId=self.node(selector))["model"]["border"]
        return min(q[0::2]), min(q[1::2]), max(q[0::2]), max(q[1::2])

    def scroll_y(self) -> float:
        return self.page("Page.getLayoutMetrics")["cssVisualViewport"]["pageY"]

    def url(self) -> str:
        h = self.page("Page.getNavigationHistory")
        return h["entries"][h["currentIndex"]]["url"]

    def mouse_click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def js(self, expression: str):
        res = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(res["exceptionDetails"])
        return res["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = self.js(f"(() => {{const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
                      "const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        self.mouse_click(*box)

    def screenshot(self) -> bytes:
        return base64.b64decode(self.page("Page.captureScreenshot", format="png")["data"])

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:  # the browser may already be gone; we kill it below anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the browser's own process group (start_new_session)
            self.proc.wait()
        os.close(self._w)
        self._reader.join(timeout=5)  # returns at EOF, once the browser is gone
        if not self._reader.is_alive():
            os.close(self._r)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def review_page(tmp_path_factory) -> Path:
    from extract.report_html import write_review
    from extract.review import check_files

    reports = check_files([EXAMPLE], steps=("quantities", "dates", "programs", "classify", "checks"))
    path = tmp_path_factory.mktemp("browser") / "review.html"
    write_review(reports, path)
    return path


def test_review_flags_visible_click_scrolls_screenshot(browser, review_page, tmp_path):
    browser.open(review_page)
    assert browser.js("document.title").startswith("核查")
    flags = browser.js("""(() => { const n = document.querySelector('#flags'); const r = n.getBoundingClientRect();
        const s = getComputedStyle(n); return {h: r.height, top: r.top, vis: s.visibility, disp: s.display,
        items: n.querySelectorAll('li a').length}; })()""")
    assert flags["items"] == 7
    assert flags["disp"] != "none" and flags["vis"] == "visible" and flags["h"] > 50 and flags["top"] < 900
    shot = browser.screenshot()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 10_000
    (tmp_path / "review.png").write_bytes(shot)

    browser.js("window.scrollTo(0, 0)")
    href = browser.js("document.querySelectorAll('#flags li a')[6].getAttribute('href')")
    browser.click("#flags li:nth-child(7) a")
    target = href[1:]
    end = time.monotonic() + 5
    while time.monotonic() < end and browser.js("location.hash") != href:
        time.sleep(0.05)
    state = browser.js(f"""(() => {{ const t = document.getElementById({json.dumps(target)});
        const r = t.getBoundingClientRect(); return {{y: scrollY, top: r.top, bottom: r.bottom, h: innerHeight,
        cls: t.className, target: document.querySelector(':target') === t}}; }})()""")
    assert browser.js("location.hash") == href
    assert state["cls"] == "fl" and state["target"]
    assert state["y"] > 0
    assert 0 <= state["top"] and state["bottom"] <= state["h"]
    assert len(browser.screenshot()) > 10_000


def test_script_in_a_document_is_text(browser, tmp_path):
    from extract.report_html import write_review
    from extract.review import check_files

    src = tmp_path / "evil.txt"
    src.write_text("某社区2023年工作总结\n一、基本情况\n全年走访<script>alert(1)</script>困难群众120户，"
                   "其中低保户80户、特困户30户，合计120户。<img src=x onerror=alert(2)>\n", encoding="utf-8")
    page = tmp_path / "evil.html"
    write_review(check_files([src], steps=("quantities", "dates", "programs", "checks")), page)
    browser.dialogs.clear()
    browser.open(page)
    time.sleep(0.2)
    assert browser.dialogs == []
    assert browser.js("document.querySelectorAll('main script, main img').length") == 0
    text = browser.js("document.querySelector('article .text').textContent")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text


def test_flags_work_with_javascript_disabled(browser, review_page):
    browser.page("Emulation.setScriptExecutionDisabled", value=True)
    try:
        browser.open(review_page, script=False)
        assert browser.scroll_y() == 0
        left, top, right, bottom = browser.box("#flags li:nth-child(3) a")
        assert 0 < top < 900
        href = browser.url().split("#")[0] + browser.attr("#flags li:nth-child(3) a", "href")
        browser.mouse_click((left + right) / 2, (top + bottom) / 2)
        end = time.monotonic() + 5
        while time.monotonic() < end and browser.url() != href:
            time.sleep(0.05)
        time.sleep(0.2)
        assert browser.url() == href
        assert browser.scroll_y() > 0
        _, t, _, b = browser.box("#" + href.split("#")[1])
        assert 0 <= t and b <= 900
    finally:
        browser.page("Emulation.setScriptExecutionDisabled", value=False)


def test_overview_report_renders(browser, tmp_path):
    from extract.report_html import write_report
    from tests.test_report import synth_output

    out = tmp_path / "out"
    synth_output(out, 40, flag_every=6)
    page = tmp_path / "report.html"
    write_report(out, page)
    browser.open(page)
    charts = browser.js("""Array.from(document.querySelectorAll('#overview svg.chart'))
        .map(s => s.getBoundingClientRect()).filter(r => r.width > 100 && r.height > 50).length""")
    assert charts >= 4
    (tmp_path / "overview.png").write_bytes(browser.screenshot())
    # sorting by a numeric column works (script on): flags per document, descending then ascending
    sel = "#overview table.sortable"
    browser.click(f"{sel} th:nth-child(4)")
    assert browser.js(f"document.querySelector('{sel} th:nth-child(4)').getAttribute('data-dir')") == "desc"
    browser.click(f"{sel} th:nth-child(2)")
    years = browser.js(f"Array.from(document.querySelector('{sel}').tBodies[0].rows).map(r => +r.cells[1].textContent)")
    assert years == sorted(years, reverse=True) and len(years) == 7


def big_output(out: Path, n_docs: int = 133, reps: int = 10) -> None:
    """An output shaped like ../shared/corpus (133 documents, ~2.4 M characters, ~50 k highlighted
    mentions): the checked example repeated, written straight as tables."""
    import dataclasses

    from corpus.tables import write_part
    from extract.review import check_files

    o = check_files([EXAMPLE], steps=("quantities", "dates", "programs", "classify", "checks"))[0].outputs[0]
    text0 = o.document.text + "\n"
    rows: dict[str, list] = {t: [] for t in ("documents", "sections", "quantities", "dates", "programs", "checks")}
    for i in range(n_docs):
        did = f"{i:016x}"
        text = text0 * reps
        rows["documents"].append({**dataclasses.asdict(o.document), "doc_id": did, "text": text, "original_text": text,
                                  "char_count": len(text), "source_path": f"f{i % 7}/d{i}.txt", "year": 1990 + i % 36})
        for r in range(reps):
            shift = r * len(text0)
            for table, recs, key in (("sections", o.sections, "section_id"), ("quantities", o.quantities, "quantity_id"),
                                     ("dates", o.dates, "date_id"), ("programs", o.programs, "program_id")):
                if table != "sections" and r % 5:
                    continue
                for rec in recs:
                    d = dataclasses.asdict(rec)
                    d.update(doc_id=did, start=d["start"] + shift, end=d["end"] + shift)
                    d[key] = f"{did}/{r}/{d[key]}"
                    if table == "sections":
                        d["heading_start"] += shift
                    rows[table].append(d)
        for rec in o.checks:
            rows["checks"].append({**dataclasses.asdict(rec), "doc_id": did, "check_id": f"{did}/{rec.check_id}",
                                   "quantity_ids": [f"{did}/0/{q}" for q in rec.quantity_ids]})
    for table, recs in rows.items():
        write_part(out, table, "0", recs)


def test_corpus_sized_report_opens_in_under_5_seconds(browser, tmp_path):
    from extract.report_html import write_report

    out = tmp_path / "big"
    big_output(out)
    page = tmp_path / "big.html"
    t0 = time.monotonic()
    s = write_report(out, page, max_mb=14)  # denser than the real corpus: let every document in
    written = time.monotonic() - t0
    seconds = min(browser.open(page) for _ in range(2))
    print(f"\ncorpus-sized report: {s.shown} documents, {s.bytes / 1e6:.1f} MB, written in {written:.1f} s, "
          f"opened and rendered in Chromium in {seconds:.2f} s")
    assert s.shown == 133 and s.bytes < 15_000_000
    assert seconds < 5
    assert browser.js("document.querySelectorAll('article.doc').length") == 133
    # a flag far down the page (its article and those before it not yet rendered) still lands in view
    for nth in (930, 400):
        browser.click(f"#flags li:nth-child({nth}) a")
        time.sleep(0.5)
        state = browser.js("""(() => { const t = document.querySelector(':target'); const r = t.getBoundingClientRect();
            return {cls: t.className, top: r.top, bottom: r.bottom, h: innerHeight, y: scrollY}; })()""")
        assert state["cls"] == "fl" and 0 <= state["top"] and state["bottom"] <= state["h"], state


@pytest.mark.slow
@pytest.mark.corpus
def test_shared_corpus_report_opens_in_under_5_seconds(browser, shared_corpus, tmp_path):
    """The report of the whole ../shared/corpus (extracted here, or read from ZONGJIE_CORPUS_OUT)."""
    from click.testing import CliRunner

    import cli
    from extract.report_html import write_report

    out = os.environ.get("ZONGJIE_CORPUS_OUT")
    if not out:
        out = str(tmp_path / "corpus_out")
        res = CliRunner().invoke(cli.main, ["extract", str(shared_corpus), "-o", out, "-q"])
        assert res.exit_code in (0, 1), res.output
    page = tmp_path / "corpus.html"
    t0 = time.monotonic()
    s = write_report(out, page)
    written = time.monotonic() - t0
    first = browser.open(page)
    again = browser.open(page)
    print(f"\nshared corpus report: {s.documents} documents ({s.shown} with text), {s.bytes / 1e6:.1f} MB, "
          f"written in {written:.1f} s, opened and rendered in Chromium in {first:.2f} s (again: {again:.2f} s)")
    assert s.bytes < 15_000_000
    assert min(first, again) < 5
