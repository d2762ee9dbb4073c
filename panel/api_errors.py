"""Turn a service's ValidationError into a 400 with field errors, in one place."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        # An outsider is told nothing exists, as on the pages.
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": "What went wrong, in words.",
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Field errors: each field named with its messages; `non_field_errors` for the "
    "record as a whole; or `detail` for a malformed request.",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}


def document_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing: say what every operation may answer besides success.

    Every route under a panel is a 404 when the panel, the object or the reader's right to it is
    missing (one answer for all three); a request that is not valid is a 400 with field errors (a
    query with unusable characters included); a body of the wrong type is a 415; a bad, expired or
    revoked token is a 401.
    """
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR)
    components.setdefault("FieldErrors", FIELD_ERRORS)
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    fields = {"application/json": {"schema": {"$ref": "#/components/schemas/FieldErrors"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            bad_token = {"description": "A bad, expired or revoked token.", "content": ref}
            responses.setdefault("401", bad_token)
            if "{" in path:
                responses.setdefault(
                    "404", {"description": "Not found, or not yours to see.", "content": ref}
                )
            responses.setdefault(
                "400", {"description": "The request is not valid.", "content": fields}
            )
            if method in ("post", "put", "patch"):
                responses.setdefault(
                    "415",
                    {
                        "description": "A body of a type this operation does not take.",
                        "content": ref,
                    },
                )
    return result
