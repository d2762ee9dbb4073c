"""What the complaints tests share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from complaints.models import Complaint

SECRET = "SECRET-COMPLAINANT-5a7c"


@dataclass
class Setup:
    complaint: Complaint
    file_id: int
    on_committee: Any
    off_committee: Any
    excluded: Any
