"""Report text is Markdown or rich text; either way it is stored as sanitised HTML (nh3)."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "abbr",
    "sup",
    "sub",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan"},
    "td": {"colspan", "rowspan"},
}

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_body(text: str, fmt: str) -> str:
    """Sanitised HTML from the clerk's text, in the format they chose."""
    if fmt == "markdown":
        return clean_html(_markdown.render(text))
    return clean_html(text)
