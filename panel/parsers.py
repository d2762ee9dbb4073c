"""The API's JSON parser: DRF's, with a body nested too deeply for Python's decoder a 400 like
any other malformed body (DRF turns only a ValueError into one; "[" × 5000 raised a
RecursionError, a 500)."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - the body is nested too deeply.") from exc
