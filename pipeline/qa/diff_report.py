"""A DiffResult as terminal text (rich; colours on a terminal, wdiff markers
`[-old-]{+new+}` otherwise) and as one self-contained HTML page."""
from __future__ import annotations

import html

from rich.console import Console
from rich.table import Table
from rich.text import Text

from iku.pipeline.qa.diff import SUMMARY_FIELDS, DiffResult, DocumentDiff, as_text

# unchanged runs longer than this (words) are shortened in the terminal
_KEEP = 6


def _words_text(words: list[tuple[str, str]], colour: bool, shorten: bool = True) -> Text:
    out = Text()
    for k, (op, chunk) in enumerate(words):
        if k:
            out.append(" ")
        if op == "=":
            w = chunk.split()
            if shorten and len(w) > 2 * _KEEP:
                head = w[:_KEEP] if k else []
                tail = w[-_KEEP:] if k < len(words) - 1 else []
                chunk = " ".join(head + ["…"] + tail)
            out.append(chunk)
        elif op == "-":
            out.append(chunk if colour else f"[-{chunk}-]", style="red strike" if colour else None)
        else:
            out.append(chunk if colour else f"{{+{chunk}+}}", style="bold green" if colour else None)
    return out


def _record_line(mark: str, label: str, rec: dict, style: str, colour: bool) -> Text:
    t = Text()
    t.append(f"  {mark} ", style=style if colour else None)
    t.append(f"{label}  ", style="dim" if colour else None)
    t.append(as_text(rec.get("indikator")) or "(no indikator)")
    ctx = [f"no {rec['no']}" if rec.get("no") else "", as_text(rec.get("group"))]
    ctx = [c for c in ctx if c]
    if ctx:
        t.append(f"   ({'; '.join(ctx)})", style="dim" if colour else None)
    return t


def print_document(console: Console, d: DocumentDiff, colour: bool) -> None:
    c = d.counts
    head = Text()
    head.append(d.name, style="bold" if colour else None)
    if d.status in ("added", "removed"):
        head.append(f"  document {d.status} ({len(d.added or d.removed)} records)",
                    style=("green" if d.status == "added" else "red") if colour else None)
        console.print(head)
        return
    head.append(f"  {c['changed']} changed, {c['added']} added, {c['removed']} removed, "
                f"{c['unchanged']} unchanged", style="dim" if colour else None)
    console.print(head)
    for f in d.document_fields:
        line = Text()
        line.append(f"  ~ document.{f.field}: ", style="yellow" if colour else None)
        console.print(line.append_text(_words_text(f.words, colour)))
    for j, rec in d.added:
        console.print(_record_line("+", f"b#{j}", rec, "green", colour))
    for i, rec in d.removed:
        console.print(_record_line("-", f"a#{i}", rec, "red", colour))
    for ch in d.changed:
        line = Text()
        line.append("  ~ ", style="yellow" if colour else None)
        line.append(f"a#{ch.a_index} → b#{ch.b_index}  ", style="dim" if colour else None)
        line.append(as_text(ch.indikator) or "(no indikator)")
        console.print(line)
        for f in ch.fields:
            line = Text()
            line.append(f"      {f.field}: ", style="cyan" if colour else None)
            console.print(line.append_text(_words_text(f.words, colour)))


def summary_table(result: DiffResult) -> Table:
    t = Table(title="summary", title_justify="left")
    for name in ("document", "status", "added", "removed", "changed", "unchanged", "doc fields"):
        t.add_column(name, justify="left" if name in ("document", "status") else "right")
    for d in result.documents:
        c = d.counts
        t.add_row(Text(d.name), d.status, str(c["added"]), str(c["removed"]), str(c["changed"]), str(c["unchanged"]),
                  str(c["document_fields"]))
    s = result.summary()
    t.add_row(Text(f"total ({s['documents']} documents)"), "identical" if result.identical else "different",
              str(s["records_added"]), str(s["records_removed"]), str(s["records_changed"]),
              str(s["records_unchanged"]), str(s["document_fields_changed"]), style="bold")
    return t


def print_result(console: Console, result: DiffResult) -> None:
    colour = console.color_system is not None
    console.print(Text(f"a: {result.a}\nb: {result.b}", style="dim" if colour else None))
    for d in result.documents:
        if d.status != "identical":
            console.print()
            print_document(console, d, colour)
    console.print()
    console.print(summary_table(result))


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px} .muted{color:#667085}
table{border-collapse:collapse;background:#fff;margin:8px 0}
th,td{border:1px solid #d8dde6;padding:4px 8px;vertical-align:top;text-align:left}
td.n{text-align:right} tr.total td{font-weight:600;background:#f2f4f7}
del{background:#ffe1e1;color:#8a1c1c} ins{background:#dcf5e3;color:#14532d;text-decoration:none}
.status-identical{color:#14532d} .status-changed{color:#8a5a00} .status-added{color:#14532d} .status-removed{color:#8a1c1c}
.rec{margin:10px 0;padding:8px 12px;background:#fff;border:1px solid #d8dde6;border-left:4px solid #d8dde6}
.rec.added{border-left-color:#22a355} .rec.removed{border-left-color:#d64545} .rec.changed{border-left-color:#e0a100}
.rec td:first-child{white-space:nowrap;color:#475467;width:1%}
"""


def _e(value) -> str:
    return html.escape(as_text(value))


def _words_html(words: list[tuple[str, str]]) -> str:
    out = []
    for op, chunk in words:
        chunk = html.escape(chunk)
        out.append(chunk if op == "=" else f"<del>{chunk}</del>" if op == "-" else f"<ins>{chunk}</ins>")
    return " ".join(out)


def _record_html(kind: str, label: str, rec: dict) -> str:
    rows = "".join(f"<tr><td>{f}</td><td>{_e(rec.get(f))}</td></tr>" for f in SUMMARY_FIELDS if rec.get(f))
    return f'<div class="rec {kind}"><b>{"+" if kind == "added" else "−"} {label}</b><table>{rows}</table></div>'


def render_html(result: DiffResult) -> str:
    s = result.summary()
    rows = []
    for d in result.documents:
        c = d.counts
        rows.append(f'<tr><td><a href="#doc-{html.escape(d.name)}">{html.escape(d.name)}</a></td>'
                    f'<td class="status-{d.status}">{d.status}</td><td class="n">{c["added"]}</td>'
                    f'<td class="n">{c["removed"]}</td><td class="n">{c["changed"]}</td>'
                    f'<td class="n">{c["unchanged"]}</td><td class="n">{c["document_fields"]}</td></tr>')
    rows.append(f'<tr class="total"><td>total ({s["documents"]} documents)</td>'
                f'<td>{"identical" if result.identical else "different"}</td><td class="n">{s["records_added"]}</td>'
                f'<td class="n">{s["records_removed"]}</td><td class="n">{s["records_changed"]}</td>'
                f'<td class="n">{s["records_unchanged"]}</td><td class="n">{s["document_fields_changed"]}</td></tr>')
    body = [f"<h1>iku diff</h1><p class=muted>a: {html.escape(result.a)}<br>b: {html.escape(result.b)}</p>",
            "<table><tr><th>document</th><th>status</th><th>added</th><th>removed</th><th>changed</th>"
            "<th>unchanged</th><th>doc fields</th></tr>" + "".join(rows) + "</table>"]
    for d in result.documents:
        if d.status == "identical":
            continue
        body.append(f'<h2 id="doc-{html.escape(d.name)}">{html.escape(d.name)} '
                    f'<span class="status-{d.status}">{d.status}</span></h2>')
        if d.document_fields:
            body.append("<table>" + "".join(f"<tr><td>document.{f.field}</td><td>{_words_html(f.words)}</td></tr>"
                                            for f in d.document_fields) + "</table>")
        body += [_record_html("added", f"b#{j}", r) for j, r in d.added]
        body += [_record_html("removed", f"a#{i}", r) for i, r in d.removed]
        for ch in d.changed:
            fields = "".join(f"<tr><td>{html.escape(f.field)}</td><td>{_words_html(f.words)}</td></tr>"
                             for f in ch.fields)
            body.append(f'<div class="rec changed"><b>~ a#{ch.a_index} → b#{ch.b_index}</b> {_e(ch.indikator)}'
                        f"<table>{fields}</table></div>")
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>iku diff</title><style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n")
