from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from panel.forms import GovukForm
from panel.models import Body

from .models import Subscriber, Subscription


class SubscribeForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send you a link to confirm. We use it for these alerts only.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address in the correct format, like name@example.com.",
        },
    )
    scope = forms.ChoiceField(
        label="What do you want to be told about?",
        choices=Subscription.Scope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to be told about."},
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label="Committee or group (if you chose one above)",
        empty_label="Choose one",
    )
    query = forms.CharField(
        label="Search words (if you chose a search above)",
        max_length=200,
        required=False,
        strip=True,
        error_messages={"max_length": "Enter at most 200 characters."},
    )
    frequency = forms.ChoiceField(
        label="How often?",
        choices=Subscriber.Frequency.choices,
        widget=forms.RadioSelect,
        initial=Subscriber.Frequency.IMMEDIATE,
        error_messages={"required": "Choose how often to be told."},
    )

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("body", bodies)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scope = data.get("scope")
        if scope == Subscription.Scope.BODY and not data.get("body"):
            self.add_error("body", "Choose the committee or group to follow.")
        if scope == Subscription.Scope.SEARCH and not data.get("query"):
            self.add_error("query", "Enter the words to search for.")
        return data


class FrequencyForm(GovukForm):
    frequency = forms.ChoiceField(
        label="How often?",
        choices=Subscriber.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often to be told."},
    )
