"""The OpenAPI schema is complete: it validates and drf-spectacular has no warning about it."""

from django.core.management import call_command


def test_it_generates_a_valid_schema_without_warnings(tmp_path, db):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in (
        "/api/panels/{panel_slug}/meetings/{meeting_slug}/",
        "/api/panels/{panel_slug}/bodies/",
    ):
        assert path in text


def test_every_list_documents_modified_since(client, db):
    """Each GET that answers a list (an array, or a page of one) takes ``modified_since``."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    lists = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        body = get["responses"]["200"]["content"]["application/json"]["schema"]
        if "$ref" in body:
            body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
        if body.get("type") == "array" or "results" in body.get("properties", {}):
            names = {p["name"] for p in get.get("parameters", [])}
            lists.append((path, "modified_since" in names))
    assert len(lists) >= 13
    assert [path for path, documented in lists if not documented] == []
