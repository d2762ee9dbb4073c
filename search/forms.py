from __future__ import annotations

from django import forms

from panel.forms import GovukForm

from .models import SearchEntry


class SearchForm(GovukForm):
    q = forms.CharField(
        max_length=200,
        required=False,
        strip=True,
        label="Search agendas, minutes and decisions",
        error_messages={"max_length": "Search for 200 characters or fewer."},
    )
    type = forms.ChoiceField(
        choices=[("", "Everything"), *SearchEntry.Kind.choices], required=False, label="Show"
    )
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)
