# The parts of django-rest-knox the project uses (knox ships no types).
from typing import Any, ClassVar, TypeVar

from django.contrib.auth.models import User
from django.db import models

_M = TypeVar("_M", bound=models.Model)

def get_digest_token(prefix: str | None = ...) -> tuple[str, str]: ...

class AuthTokenManager(models.Manager[_M]): ...

class AbstractAuthToken(models.Model):
    objects: ClassVar[models.Manager[Any]]  # knox's AuthTokenManager (replaceable)
    digest = models.CharField(max_length=128, primary_key=True)
    token_key = models.CharField(max_length=25, db_index=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="auth_token_set")
    created = models.DateTimeField(auto_now_add=True)
    expiry = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
