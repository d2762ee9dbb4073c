"""Template filters for the GOV.UK form pattern."""

from __future__ import annotations

import copy
from typing import TypeVar

from django import forms, template
from django.db.models import Model

register = template.Library()
F = TypeVar("F", bound=forms.BaseForm)


@register.filter
def ids_for(form: F, owner: Model) -> F:
    """The same form with ids of its own for `owner`, for a form shown once per row of a page:
    each label must point at its own field (WCAG 1.3.1), and ids must not repeat."""
    own = copy.copy(form)
    own.auto_id = f"id_{owner._meta.model_name}{owner.pk}_%s"
    # A shallow copy shares the fields' cache, whose bound fields would render the first ids.
    own._bound_fields_cache = {}  # type: ignore[attr-defined]  # BaseForm's own; not in the stubs
    return own
