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
