"""The API's answers to addresses it does not have and to absurd paging."""

from __future__ import annotations


def test_the_api_answers_json_for_an_address_it_does_not_have(cast, client_for):
    for path in ("/api/panels/no-such-panel/", "/api/panels/alpha/decisions/not-a-number/"):
        response = client_for(None).get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_a_huge_limit_or_offset_is_an_empty_page_not_a_500(cast, client_for):
    for query in ("limit=17203765761296357068734726144", "offset=17203765761296357068734726144"):
        response = client_for(None).get(f"/api/panels/alpha/meetings/?{query}")
        assert response.status_code == 200, query
