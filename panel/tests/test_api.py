"""The API's answers to addresses it does not have, to absurd paging and to JSON it cannot
parse."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from rest_framework import parsers

from panel.converters import IdConverter
from panel.parsers import JSONParser


def test_the_api_answers_json_for_an_address_it_does_not_have(cast, client_for):
    for path in ("/api/panels/no-such-panel/", "/api/panels/alpha/decisions/not-a-number/"):
        response = client_for(None).get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_a_huge_limit_or_offset_is_an_empty_page_not_a_500(cast, client_for):
    for query in ("limit=17203765761296357068734726144", "offset=17203765761296357068734726144"):
        response = client_for(None).get(f"/api/panels/alpha/meetings/?{query}")
        assert response.status_code == 200, query


def test_every_api_view_parses_json_with_the_projects_parser():
    """A view's own parser_classes may not bring back DRF's JSONParser, which answers JSON
    nested too deeply with a 500 (the 400 itself: meetings/tests/test_api.py)."""
    routes = [p for p in _patterns(get_resolver().url_patterns) if isinstance(p, URLPattern)]
    api_views = [r.callback.cls for r in routes if hasattr(r.callback, "cls")]
    assert len(api_views) > 20
    for view in api_views:
        for parser in getattr(view, "parser_classes", ()):
            if issubclass(parser, parsers.JSONParser):
                assert issubclass(parser, JSONParser), view


def test_no_address_takes_a_record_number_past_a_database_integer():
    """Every number in an address goes through panel.converters.IdConverter, not Django's
    ``int``, which took any digits to a lookup that could fail with a 500."""
    found = []
    for pattern in _patterns(get_resolver().url_patterns):
        for name, converter in getattr(pattern.pattern, "converters", {}).items():
            assert not isinstance(converter, IntConverter), (str(pattern.pattern), name)
            found.append(isinstance(converter, IdConverter))
    assert sum(found) > 50


def _patterns(patterns):
    """Every pattern of the URLconf, the includes and what they hold."""
    for pattern in patterns:
        yield pattern
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
