"""The OpenAPI schema, generated once per process under a lock.

drf-spectacular's generator is not safe under threads: its extension registry loads each
extension's target class lazily, and its warning statistics are module-level (drf-spectacular
issues #1123 and #1368), so simultaneous first requests to a fresh threaded worker failed with a
500. The schema depends on the code alone (it is served public, for every reader alike), so one
thread generates it and every request after reads the same document.
"""

from __future__ import annotations

import threading
from typing import Any

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response

_lock = threading.Lock()
_schemas: dict[str | None, dict[str, Any]] = {}


class SchemaApi(SpectacularAPIView):
    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        with _lock:
            if version not in _schemas:
                generator = self.generator_class(
                    urlconf=self.urlconf, api_version=version, patterns=self.patterns
                )
                _schemas[version] = generator.get_schema(request=request, public=self.serve_public)
        disposition = f'inline; filename="{self._get_filename(request, version)}"'
        return Response(data=_schemas[version], headers={"Content-Disposition": disposition})


class PanelTokenScheme(KnoxTokenScheme):
    """The schema's name for the office's tokens (knox's scheme matches knox's own class only)."""

    target_class = "panel.tokens.PanelTokenAuthentication"
    name = "apiToken"
