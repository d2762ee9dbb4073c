"""The roles a user holds in a panel: the one vocabulary of ``panel.access`` (which names and
reads them), kept apart so the models can name a role too (an API token's)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    MEMBER = "member"
    OPCC_OFFICER = "opcc_officer"
    COMPLAINTS_HANDLER = "complaints_handler"

    @property
    def codename(self) -> str:
        return f"role_{self.value}"

    @property
    def permission(self) -> str:
        return f"panel.role_{self.value}"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CLERK: "Clerk (democratic services)",
    Role.MEMBER: "Panel member",
    Role.OPCC_OFFICER: "OPCC officer",
    Role.COMPLAINTS_HANDLER: "Complaints handler",
}
ROLE_CHOICES = [(role.value, label) for role, label in ROLE_LABELS.items()]
