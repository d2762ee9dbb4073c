"""The API's pagination: DRF's limit/offset, with both bounded so no query can overflow."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    max_limit = 500
    max_offset = 10**9  # far past any list; PostgreSQL refuses an OFFSET beyond a bigint

    def get_offset(self, request: Any) -> int:
        return min(super().get_offset(request), self.max_offset)
