from __future__ import annotations

from typing import Any, cast

from django import forms

from panel import access as panel_access
from panel import years
from panel.forms import GovukForm
from panel.http import PanelRequest

from .models import SearchEntry
from .queries import Filters


class SearchForm(GovukForm):
    q = forms.CharField(
        max_length=200,
        required=False,
        strip=True,
        label="Search agendas, minutes, decisions and papers",
        error_messages={"max_length": "Search for 200 characters or fewer."},
    )
    type = forms.ChoiceField(
        choices=[("", "Everything"), *SearchEntry.Kind.choices], required=False, label="Show"
    )
    body = forms.ChoiceField(required=False, label="Committee or group")
    year = forms.CharField(
        required=False,
        max_length=7,
        label="Municipal year (May to April)",
        error_messages={"max_length": "Enter a municipal year such as 2014/15."},
    )
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = cast(forms.ChoiceField, self.fields["body"])
        body.choices = [("", "All, and decisions and cases"), *bodies]

    def clean_year(self) -> str:
        year: str = self.cleaned_data["year"].strip()
        if year and years.parse(year) is None:
            raise forms.ValidationError("Enter a municipal year such as 2014/15.")
        return year

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(kind=data["type"], body=data["body"], year=data["year"])


def search_form(request: PanelRequest, *, bound: bool = False) -> SearchForm:
    """The page's and the feed's form: the same query string means the same search (the page
    with none is the empty form; the feed, bound, is a feed of nothing)."""
    bodies = panel_access.visible_bodies(request.user, request.panel).values_list("slug", "name")
    return SearchForm(request.GET if bound else request.GET or None, bodies=list(bodies))
