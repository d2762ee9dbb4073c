"""Clerks' text becomes HTML through an allow-list: Markdown without raw HTML, or rich text
cleaned by nh3."""

from __future__ import annotations

from documents.sanitise import clean_html, render_body


def test_it_strips_scripts_handlers_and_script_links_from_rich_text():
    html = render_body(
        '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">l</a></p>', "html"
    )
    assert "script" not in html and "onclick" not in html and "javascript:" not in html
    assert html.startswith("<p>Hi ")


def test_it_renders_markdown_without_letting_raw_html_through():
    html = render_body("**Bold** <b>raw</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |", "markdown")
    assert "<strong>Bold</strong>" in html and "<b>" not in html
    assert "<table>" in html and "<td>1</td>" in html


def test_it_keeps_links_but_tells_browsers_not_to_follow_them_as_ours():
    html = clean_html('<a href="https://example.org/" target="_blank">x</a><img src="x.png">')
    assert 'href="https://example.org/"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "target" not in html and "<img" not in html
