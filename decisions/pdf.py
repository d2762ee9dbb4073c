"""The decision record as a PDF, rendered by WeasyPrint from a Django template.

WeasyPrint may fetch nothing: the template carries its own CSS and no images, and the URL
fetcher refuses every URL (no network, no local files).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class RefuseEveryUrl(URLFetcher):
    """A WeasyPrint URL fetcher that fetches nothing at all."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"the decision record fetches nothing: {url}")


def render_decision_pdf(context: dict[str, Any]) -> bytes:
    html = render_to_string("decisions/decision_pdf.html", context)
    document = HTML(string=html, url_fetcher=RefuseEveryUrl(), base_url="about:blank")
    return document.write_pdf(pdf_variant="pdf/ua-1")
