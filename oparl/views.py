"""The OParl 1.1 endpoint: thin views over ``record.PublicRecord``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from panel.http import PanelRequest
from panel.models import Panel

from .kept import KeptRecord
from .paging import BadQuery, Fetch, Index, index_of, page_size, paginate
from .record import KINDS, OPARL, PublicRecord


def _json(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response


def _record(request: HttpRequest, panel: Panel) -> KeptRecord:
    origin = request.build_absolute_uri("/")
    return KeptRecord(PublicRecord(panel, request.build_absolute_uri), origin)


@require_GET
def system(request: HttpRequest) -> JsonResponse:
    url = request.build_absolute_uri
    return _json(
        {
            "id": url(reverse("oparl:system")),
            "type": OPARL + "System",
            "oparlVersion": OPARL,
            "body": url(reverse("oparl:bodies")),
            "name": "Police and Crime Panels",
            "website": url(reverse("home")),
        }
    )


@require_GET
def bodies(request: HttpRequest) -> JsonResponse:
    panels = Panel.objects.order_by("slug")
    objects = sorted((_record(request, p).body() for p in panels), key=lambda o: str(o["id"]))
    return _list(request, "bodies", index_of(objects), lambda places: [objects[n] for n in places])


def _list(request: HttpRequest, kind: str, index: Index, fetch: Fetch) -> JsonResponse:
    base_url = request.build_absolute_uri(request.path)
    try:
        page = paginate(index, fetch, request.GET, base_url, page_size(kind))
    except BadQuery as error:
        return _json({"error": str(error)}, status=400)
    return _json(page)


@require_GET
def body(request: PanelRequest, panel_slug: str) -> JsonResponse:
    return _json(_record(request, request.panel).body())


@require_GET
def listing(request: PanelRequest, panel_slug: str, kind: str) -> JsonResponse:
    if kind not in KINDS:
        raise Http404("No such list")
    kept = _record(request, request.panel)
    return _list(request, kind, kept.index(kind), lambda places: kept.objects(kind, places))


def one(kind: str) -> Any:
    """The view of one object of a list: found by its own URL among the list's objects."""

    @require_GET
    def view(request: PanelRequest, panel_slug: str, **key: str) -> JsonResponse:
        found = _record(request, request.panel).one(kind, request.build_absolute_uri(request.path))
        if found is None:
            raise Http404("No such object")
        return _json(found)

    return view
