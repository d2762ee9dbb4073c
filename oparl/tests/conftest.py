"""The OParl schemas, read at run time from beside the checkout (never copied into the project),
and a walker that follows an OParl endpoint from its system object to the end of every list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

OPARL_DIR = Path(__file__).resolve().parents[3] / "shared" / "reference" / "oparl-1.1"
SCHEMAS = OPARL_DIR / "schema"
needs_schemas = pytest.mark.skipif(
    not SCHEMAS.is_dir(), reason=f"the OParl 1.1 schemas are not on this machine ({SCHEMAS})"
)


def _refs(node: Any) -> Any:
    """The schema files name an embedded object's schema with a "schema" keyword of their own
    ("schema": "Location.json"); as "$ref" it is validated too."""
    if isinstance(node, dict):
        out = {k: _refs(v) for k, v in node.items()}
        if isinstance(node.get("schema"), str) and node["schema"].endswith(".json"):
            out["$ref"] = node["schema"]
        return out
    if isinstance(node, list):
        return [_refs(v) for v in node]
    return node


def _format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("url")
    def is_url(value: object) -> bool:
        parts = urlsplit(str(value))
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    return checker


class Schemas:
    def __init__(self) -> None:
        self.by_type: dict[str, dict[str, Any]] = {}
        resources = []
        for path in sorted(SCHEMAS.glob("*.json")):
            schema = _refs(json.loads(path.read_text()))
            self.by_type[path.stem] = schema
            resources.append((path.name, Resource.from_contents(schema, DRAFT4)))
        self.registry = Registry().with_resources(resources)
        self.checker = _format_checker()

    def errors(self, obj: dict[str, Any]) -> list[str]:
        kind = str(obj.get("type", "")).rsplit("/", 1)[-1]
        if kind not in self.by_type:
            return [f"{obj.get('id')}: unknown type {obj.get('type')!r}"]
        validator = Draft4Validator(
            self.by_type[kind], registry=self.registry, format_checker=self.checker
        )
        return [f"{obj.get('id')}: {e.json_path}: {e.message}" for e in validator.iter_errors(obj)]


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    if not SCHEMAS.is_dir():
        pytest.skip(f"the OParl 1.1 schemas are not on this machine ({SCHEMAS})")
    return Schemas()


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Walk:
    """Every response of a walk (for the markers) and every object it met."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.texts: list[str] = []
        self.objects: dict[str, dict[str, Any]] = {}

    def get(self, url: str) -> dict[str, Any]:
        response = self.client.get(local(url))
        assert response.status_code == 200, (url, response.status_code)
        assert response["Content-Type"].startswith("application/json")
        self.texts.append(response.content.decode())
        return dict(response.json())

    def pages(self, url: str) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            assert next_url not in seen, f"{next_url} came round again"
            seen.add(next_url)
            page = self.get(next_url)
            assert set(page) >= {"data", "pagination", "links"}
            yield page
            next_url = page["links"].get("next")

    def items(self, url: str) -> list[dict[str, Any]]:
        found = [obj for page in self.pages(url) for obj in page["data"]]
        ids = [o["id"] for o in found]
        assert len(ids) == len(set(ids)), f"{url} repeats an object"
        for obj in found:
            self.objects[obj["id"]] = obj
        return found


LISTS = (
    "organization",
    "person",
    "membership",
    "meeting",
    "paper",
    "file",
    "locationList",
    "legislativeTermList",
)


def embedded(obj: Any) -> Iterator[dict[str, Any]]:
    """Objects embedded in an object (a meeting's agenda items, a paper's files, …)."""
    if isinstance(obj, dict):
        if "id" in obj and "type" in obj:
            yield obj
        for value in obj.values():
            yield from embedded(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from embedded(value)


def walk_all(client: Any) -> Walk:
    """From /oparl/v1/system: every body, each of its lists to the end, each object by its id."""
    walk = Walk(client)
    system = walk.get("/oparl/v1/system")
    walk.objects[system["id"]] = system
    for body in walk.items(system["body"]):
        assert walk.get(body["id"]) == body
        for name in LISTS:
            walk.items(body[name])
    # Every object, embedded ones too, is served the same at its own URL.
    every = {o["id"]: o for obj in list(walk.objects.values()) for o in embedded(obj)}
    for url, obj in every.items():
        if obj["type"].endswith("/System"):
            continue
        assert walk.get(url) == obj, url
    return walk
