"""HTML to PDF with headless Chromium, many documents per browser start.

The browser is started once with the flags the project uses for printing
(`--headless --no-sandbox --disable-gpu …`, a fresh `--user-data-dir`) plus
`--remote-debugging-pipe`, and every document is printed through the DevTools
protocol's Page.printToPDF (what `--print-to-pdf` does), with the page size from
the CSS @page rules and no header or footer. Where the pipe cannot be used the
one-shot command line (`--print-to-pdf=out.pdf --no-pdf-header-footer file.html`)
prints each file instead.

Chromium writes the print time into the PDF (/CreationDate, /ModDate) and numbers
the tagged-PDF structure elements from the renderer's node counter; `stable_pdf`
fixes both in place (same lengths, so the cross-reference offsets stay right), so
the same HTML gives the same bytes (with the same Chromium and fonts).
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

CHROMIUM = os.environ.get("IKU_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:(\d{14})([^)]*)\)")
_NODE = re.compile(rb"\(node(\d{8})\)")


def stable_pdf(pdf: bytes) -> bytes:
    """The PDF with what varies from one print to the next made fixed: the dates
    (`fixed_dates`) and the structure elements' IDs ("(node00000043)"), which come from
    the renderer's DOM node counter; they are renumbered by rank, so sorted ID trees stay
    sorted and every replacement has the same length."""
    pdf = fixed_dates(pdf)
    ids = sorted({int(m.group(1)) for m in _NODE.finditer(pdf)})
    rank = {old: k + 1 for k, old in enumerate(ids)}
    return _NODE.sub(lambda m: b"(node%08d)" % rank[int(m.group(1))], pdf)


def fixed_dates(pdf: bytes) -> bytes:
    """The PDF with its creation / modification dates set to 2025-01-01 00:00 (same length, so
    the cross-reference offsets stay right)."""
    def repl(m: re.Match) -> bytes:
        tz = re.sub(rb"\d", b"0", m.group(3))
        return m.group(0)[: m.start(2) - m.start(0)] + b"20250101000000" + tz + b")"
    return _DATE.sub(repl, pdf)


def _env() -> dict:
    env = dict(os.environ)
    env["TZ"] = "UTC"
    return env


class Chromium:
    """One headless Chromium driven over --remote-debugging-pipe; `print_pdf(html_path)`."""

    def __init__(self, timeout: float = 120.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="iku-chromium-")
        to_child_r, self._to_child_w = os.pipe()
        self._from_child_r, from_child_w = os.pipe()

        def wire() -> None:  # the browser reads commands on fd 3 and answers on fd 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env=_env())
        os.close(to_child_r)
        os.close(from_child_w)
        self._w = os.fdopen(self._to_child_w, "wb", buffering=0)
        self._r = os.fdopen(self._from_child_r, "rb", buffering=0)
        self._buf = b""
        self._id = 0

    def _send(self, method: str, params: Optional[dict] = None, session: Optional[str] = None) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self._w.write(json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self._buf:
                chunk = self._r.read(1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buf += chunk
            raw, self._buf = self._buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def print_pdf(self, html_path: Path) -> bytes:
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        try:
            session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self._send("Page.enable", session=session)
            self._send("Page.navigate", {"url": Path(html_path).resolve().as_uri()}, session=session)
            self._send("Runtime.evaluate", {
                "expression": "new Promise(r => { if (document.readyState === 'complete') r(1);"
                              " else addEventListener('load', () => r(1)); }).then(() => document.fonts.ready)"
                              ".then(() => 1)", "awaitPromise": True}, session=session)
            result = self._send("Page.printToPDF", {
                "printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False,
                "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0}, session=session)
        finally:
            self._send("Target.closeTarget", {"targetId": target})
        return stable_pdf(base64.b64decode(result["data"]))

    def close(self) -> None:
        try:
            self._send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for f in (self._w, self._r):
            try:
                f.close()
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def print_once(html_path: Path, pdf_path: Path) -> bytes:
    """The one-shot command line, one Chromium start per file (the fallback)."""
    profile = tempfile.mkdtemp(prefix="iku-chromium-")
    try:
        subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}",
                        "--no-pdf-header-footer", str(Path(html_path).resolve())],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, env=_env())
        return stable_pdf(Path(pdf_path).read_bytes())
    finally:
        shutil.rmtree(profile, ignore_errors=True)
