"""A search as an Atom feed (RFC 4287), Django's syndication framework as the other feeds.

The same query string as the search page, under /<panel>/search/feed/, makes a saved search a
feed reader can follow. It asks the same function as the page (`queries.found`) as the reader
who fetches it: a feed reader without a session is the public, so exempt papers reach a feed
only when fetched with a session entitled to them, and such a response is never shared
(`Cache-Control: private`).

Entry ids are tag URIs (RFC 4151) built from what each entry is by public keys
(`tag:<host>,2026:warwickshire/meeting/2014-09-26/item-5/appendix-A/page-2`), never from a row's
id, so they stay the same when the index is rebuilt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed

from panel import access as panel_access
from panel.http import PanelRequest
from panel.models import Panel

from . import queries
from .forms import search_form
from .models import SearchEntry

FEED_ENTRIES = 50
# RFC 4151 2.1: a date on which the site's name was held; the same for every id, for good.
TAG_DATE = "2026"


def tag(request: HttpRequest, panel: Panel, key: str) -> str:
    host = request.get_host().rsplit(":", 1)[0].lower()
    return f"tag:{host},{TAG_DATE}:{panel.slug}/{key}"


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, form_data: dict[str, Any], filters: queries.Filters) -> None:
        super().__init__()
        self.terms, self.filters = form_data["q"], filters

    def get_object(self, request: HttpRequest, panel_slug: str) -> Panel:
        self.request = request
        return request.panel  # type: ignore[attr-defined]  # set by PanelMiddleware

    def title(self, panel: Panel) -> str:
        return f"{panel.name}: search for “{self.terms}”"

    def link(self, panel: Panel) -> str:
        query = self.request.GET.urlencode()
        return f"{reverse('search:search', args=[panel.slug])}?{query}"

    def feed_guid(self, panel: Panel) -> str:
        return tag(self.request, panel, f"search?{self.request.GET.urlencode()}")

    def author_name(self, panel: Panel) -> str:
        return panel.name

    def items(self, panel: Panel) -> list[SearchEntry]:
        if not self.terms:
            return []
        newest = queries.found(self.request.user, panel, self.terms, self.filters)
        latest = newest.order_by("-updated", "-date", "pk").values_list("pk", flat=True)
        entries = queries.shown(panel, list(latest[:FEED_ENTRIES]))
        for entry in entries:
            entry.panel = panel
        return entries

    def item_title(self, entry: SearchEntry) -> str:
        return entry.title

    def item_description(self, entry: SearchEntry) -> str:
        words = queries.words(self.terms)
        return "".join(part for part, _ in queries.snippet(entry.text, words))

    def item_link(self, entry: SearchEntry) -> str:
        return queries.result(entry.panel, entry, [])["url"]

    def item_guid(self, entry: SearchEntry) -> str:
        return tag(self.request, entry.panel, entry.key or f"entry-{entry.pk}")

    item_guid_is_permalink = False

    def item_updateddate(self, entry: SearchEntry) -> dt.datetime:
        return entry.updated or entry.date

    def item_pubdate(self, entry: SearchEntry) -> dt.datetime:
        return entry.date


def feed(request: PanelRequest, panel_slug: str) -> HttpResponse:
    form = search_form(request, bound=True)
    if not form.is_valid():
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    response = SearchFeed(form.cleaned_data, form.filters())(request, panel_slug=panel_slug)
    if panel_access.is_signed_in(request.user):
        patch_cache_control(response, private=True, no_store=True)
    return response
