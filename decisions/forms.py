"""The decision form, in the order of the published decision record."""

from __future__ import annotations

from typing import Any

from django import forms

from documents import exemptions
from documents.models import Access
from panel.forms import DateInput, GovukForm, VersionedForm

from .models import Decision

TEXT: dict[str, Any] = {"widget": forms.Textarea(attrs={"rows": 4})}


class DecisionForm(VersionedForm):
    title = forms.CharField(max_length=300)
    category = forms.ChoiceField(choices=Decision.Category.choices)
    executive_summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    decision = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="The decision")
    background = forms.CharField(required=False, **TEXT)
    financial_implications = forms.CharField(required=False, **TEXT)
    legal_implications = forms.CharField(required=False, **TEXT)
    equality_implications = forms.CharField(required=False, **TEXT)
    consultation = forms.CharField(required=False, label="Consultation undertaken", **TEXT)
    risks = forms.CharField(required=False, **TEXT)
    declaration_of_interests = forms.CharField(
        required=False, label="Declaration of interests by the decision maker", **TEXT
    )
    exempt_part = forms.CharField(
        required=False,
        label="Exempt part (not for publication)",
        help_text="Leave blank if the whole decision is public.",
        **TEXT,
    )
    exempt_paragraph = forms.TypedChoiceField(
        choices=[], coerce=int, empty_value=None, required=False, label="Exemption paragraph"
    )
    exempt_reason = forms.CharField(
        required=False,
        label="Why the exempt part is not for publication",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, jurisdiction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not exempt"), *exemptions.choices_for(jurisdiction)]
        self.offer("exempt_paragraph", choices)


class DecisionCreateForm(DecisionForm):
    version = None  # type: ignore[assignment]  # Django's way to drop an inherited field


class ReviewForm(GovukForm):
    reviewer = forms.ChoiceField(
        choices=[
            ("chief_executive", "Chief Executive"),
            ("chief_finance_officer", "Chief Finance Officer"),
        ],
        widget=forms.RadioSelect,
        label="Sign-off by",
    )
    name = forms.CharField(max_length=200)
    on = forms.DateField(widget=DateInput(), label="Date")


class SignForm(GovukForm):
    name = forms.CharField(max_length=200, label="Signed by the Commissioner")
    on = forms.DateField(widget=DateInput(), label="Date")


class WithdrawForm(GovukForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(GovukForm):
    title = forms.CharField(max_length=300)
    access = forms.ChoiceField(
        choices=Access.choices, widget=forms.RadioSelect, initial=Access.PUBLIC
    )
    file = forms.FileField(label="PDF file")


class CorrectionForm(GovukForm):
    field = forms.ChoiceField(
        choices=[
            (f, f.replace("_", " ").capitalize())
            for f in (
                "title",
                "executive_summary",
                "decision",
                "background",
                "financial_implications",
                "legal_implications",
                "equality_implications",
                "consultation",
                "risks",
                "declaration_of_interests",
                "exempt_part",
            )
        ],
        label="Field to correct",
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Corrected text")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why it is corrected")
