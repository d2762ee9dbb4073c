"""The decisions tests' fixtures."""

from __future__ import annotations

import pytest

from decisions.testing import DRAFT_MARKER, draft, published_with_exempt_part


@pytest.fixture
def decisions(cast):
    alpha = cast["alpha"]
    return published_with_exempt_part(alpha), draft(
        alpha, DRAFT_MARKER, executive_summary=DRAFT_MARKER
    )
