"""Published pages as cacheable documents (issue 19).

`PublicCacheMiddleware` stands before the session, authentication and the panel's resolution. For
an anonymous GET or HEAD (no session or messages cookie, no Authorization header) of a public page
of a panel's published business it works out the page's validator from the panel's published
stamp (`stamps`, read from the cache) and answers a matching conditional GET with a 304, or
serves the page's stored bytes and headers from the cache, in both cases without rendering a
template or asking the database. Otherwise the page is rendered; a 200 that sets no cookie is
marked public for `HTTP_CACHE_MAX_AGE` seconds (shared caches may serve it stale while they
revalidate) and stored. Anything answered to a signed-in reader or an API token is private.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import stamps
from .pages import is_public_page

# Bytes larger than this (a pack, an appendix) are left to the front's cache.
LARGEST_STORED = 512 * 1024
# A stored page outlives its stamp only until this many seconds pass (memory, not freshness).
STORED_SECONDS = 60 * 60
# Cookies that make a page someone's own: the session, and messages waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


class Page:
    """What identifies one public page: its panel, address and the day (some pages say what is
    overdue or upcoming, so the day is part of what they show)."""

    def __init__(self, request: HttpRequest, scope: str, stamp: stamps.Current) -> None:
        today = timezone.localdate()
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        raw = f"{stamp.value}|{today.isoformat()}|{address}|public"
        self.digest = hashlib.sha256(raw.encode()).hexdigest()
        self.etag = f'"{self.digest[:32]}"'
        midnight = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
        self.last_modified = int(max(stamp.changed_at, midnight).timestamp())
        self.key = f"{settings.HTTP_CACHE_KEY_PREFIX}:page:{self.digest}"


def anonymous(request: HttpRequest) -> bool:
    return not (
        any(name in request.COOKIES for name in PERSONAL_COOKIES)
        or "HTTP_AUTHORIZATION" in request.META
    )


def personal(request: HttpRequest) -> bool:
    """Someone signed in (a session) or an API token: what they get is theirs alone."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def public_scope(request: HttpRequest) -> str | None:
    """The panel whose published stamp validates this request's page, or None when the page is
    not one the public cache may hold."""
    if request.method not in ("GET", "HEAD") or not anonymous(request):
        return None
    return _scope_of(request.path_info)


@lru_cache(maxsize=4096)
def _scope_of(path: str) -> str | None:
    """``public_scope`` by the address alone, which is all it depends on: resolving the URL was
    an eighth of a page served from the cache. Bounded, as addresses are the client's to make."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return is_public_page(match)


def mark_public(response: HttpResponseBase, page: Page) -> None:
    response["ETag"] = page.etag
    response["Last-Modified"] = http_date(page.last_modified)
    response.headers.pop("Cache-Control", None)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HTTP_CACHE_MAX_AGE,
        stale_while_revalidate=settings.HTTP_CACHE_STALE_SECONDS,
    )
    patch_vary_headers(response, ("Cookie",))


def mark_private(response: HttpResponseBase) -> None:
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie", "Authorization"))


def may_share(response: HttpResponseBase) -> bool:
    """A 200 that sets no cookie (a CSRF token or a message would) and that its view did not
    keep private."""
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and "*" not in response.get("Vary", "")
    )


class Kept:
    """The pages this process served last, by their validator's key: a key names one stamp's
    page, so a copy here is never stale, and a page served again costs no round trip to Redis."""

    def __init__(self, size: int) -> None:
        self.size, self.pages, self.lock = size, OrderedDict[str, Stored](), threading.Lock()

    def get(self, name: str) -> Stored | None:
        with self.lock:
            found = self.pages.get(name)
            if found is not None:
                self.pages.move_to_end(name)
            return found

    def put(self, name: str, stored: Stored) -> None:
        with self.lock:
            self.pages[name] = stored
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


Stored = tuple[bytes, list[tuple[str, str]]]
kept = Kept(256)


class PublicCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        scope = public_scope(request)
        if scope is None:
            response = self.get_response(request)
            if personal(request):
                mark_private(response)
            return response
        stamp = stamps.current(scope)
        if not stamp.value:  # a change of the panel is being committed
            return self.get_response(request)
        try:
            page = Page(request, scope, stamp)
        except DisallowedHost:
            return self.get_response(request)  # Django answers it with a 400
        return self.public(request, page)

    def public(self, request: HttpRequest, page: Page) -> HttpResponseBase:
        not_modified = get_conditional_response(
            request, etag=page.etag, last_modified=page.last_modified
        )
        if not_modified is not None:
            mark_public(not_modified, page)
            return not_modified
        if settings.HTTP_CACHE_APP:
            stored = kept.get(page.key)
            if stored is None:
                stored = cache.get(page.key)
                if stored is not None:
                    kept.put(page.key, stored)
            if stored is not None:
                return self.from_store(*stored)
        response = self.get_response(request)
        if may_share(response):
            mark_public(response, page)
            if self.storable(request, response):
                assert isinstance(response, HttpResponse)  # noqa: S101  # nosec B101  # storable() said so
                made: Stored = (response.content, list(response.items()))
                cache.set(page.key, made, STORED_SECONDS)
                kept.put(page.key, made)
        return response

    @staticmethod
    def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
        return (
            settings.HTTP_CACHE_APP
            and request.method == "GET"
            and not request.META.get("QUERY_STRING")
            and isinstance(response, HttpResponse)
            and len(response.content) <= LARGEST_STORED
        )

    @staticmethod
    def from_store(content: bytes, headers: list[tuple[str, str]]) -> HttpResponse:
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-App-Cache"] = "HIT"
        return response
