"""Django's ``ModelBackend``, reading the signed-in user by a prepared query.

Every signed-in request reads its user by the id its session holds; the ORM's compiling of that
lookup cost more than the database's answer (``bench/member_pages.py``). Compiled once per
process (``panel.prepared``); the rule is Django's: no such user, or one who may not sign in
(inactive), is nobody.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import backends
from django.contrib.auth.models import User
from django.db.models import QuerySet

from panel.prepared import Prepared


def _by_id(user_id: int) -> QuerySet[User]:
    return User._default_manager.filter(pk=user_id)


_USER: Prepared[User] = Prepared(_by_id, user_id=-7_340_101)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = _USER.first(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
