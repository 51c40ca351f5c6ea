"""Small HTML helpers: escaping and the pieces every page uses."""
from __future__ import annotations

from html import escape


def esc(text: str) -> str:
    return escape(text, quote=True)


def lines(items: list[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<div{c}>" + "<br>".join(esc(x) for x in items) + "</div>"


def page(title: str, css: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(title)}</title><style>{css}</style></head>\n<body>\n{body}\n</body></html>\n")
