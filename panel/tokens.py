"""API tokens for the Commissioner's office's own systems: django-rest-knox's authentication,
kept to the token's panel and role.

A request sends ``Authorization: Token <key>``. The key is looked up as knox looks it up (its
first characters, then the SHA-512 digest compared in constant time); an expired or revoked
token is refused with a 401 and kept (knox would delete an expired one: the office's list shows
it). A good token's last use is recorded, at most once a minute, and its user is marked as
acting under it (``panel.access.act_under_token``): every access rule then sees the token's
panel only, and there only the token's role, as long as the user still holds it.
"""

from __future__ import annotations

from hmac import compare_digest

from django.contrib.auth.models import User
from django.utils import timezone
from django_scopes import scopes_disabled
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework.exceptions import AuthenticationFailed

from . import access, services
from .access import Role
from .models import ApiToken

INVALID = "Invalid token."


def _token_with_key(key: str) -> ApiToken | None:
    digest = hash_token(key)
    # A key names its own panel: it is looked up across panels, as the middleware looks up a
    # panel by its slug, before anything is read under the request's panel.
    with scopes_disabled():
        candidates = ApiToken.objects.filter(token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH])
        for token in candidates.select_related("user"):
            if compare_digest(digest, token.digest):
                return token
    return None


class PanelTokenAuthentication(TokenAuthentication):
    """knox's token authentication (its header parsing and ``WWW-Authenticate: Token``), with
    the project's token model: refused when expired or revoked, never deleted, and scoped."""

    def authenticate_credentials(self, token: bytes) -> tuple[User, ApiToken]:
        try:
            key = token.decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(INVALID) from None
        found = _token_with_key(key)
        if found is None:
            raise AuthenticationFailed(INVALID)
        now = timezone.now()
        if found.revoked_at is not None:
            raise AuthenticationFailed("This token has been revoked.")
        if found.expiry <= now:
            raise AuthenticationFailed("This token has expired.")
        user, _ = self.validate_user(found)
        services.api_token_record_use(token=found, at=now)
        access.act_under_token(user, panel_id=found.panel_id, roles=frozenset({Role(found.role)}))
        return user, found
