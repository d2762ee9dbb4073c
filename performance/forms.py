"""The office's and the clerk's forms for the plan and its returns, and members' questions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from panel.forms import DateInput, GovukForm, VersionedForm
from statutory.models import StatutoryCase

from .models import MONEY_FIELDS, Measure, Priority, Question, Return
from .services import Entry


class PlanForm(GovukForm):
    title = forms.CharField(max_length=200, label="Title", initial="Police and Crime Plan")
    commissioner = forms.CharField(max_length=200, label="The Commissioner whose plan it is")
    starts_on = forms.DateField(widget=DateInput(), label="Starts on")
    ends_on = forms.DateField(widget=DateInput(), label="Ends on")
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PriorityForm(GovukForm):
    title = forms.CharField(max_length=200, label="Priority")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MeasureForm(GovukForm):
    priority: forms.ModelChoiceField[Priority] = forms.ModelChoiceField(
        queryset=None, label="Priority"
    )
    title = forms.CharField(max_length=200, label="Measure")
    slug = forms.SlugField(
        max_length=60, required=False, label="Code", help_text="Used in returns and CSV files."
    )
    unit = forms.ChoiceField(choices=Measure.Unit.choices)
    good_direction = forms.ChoiceField(choices=Measure.Direction.choices, label="Which way is good")
    reference_kind = forms.ChoiceField(
        choices=Measure.Reference.choices, required=False, label="Compared with"
    )
    reference = forms.DecimalField(
        required=False, max_digits=14, decimal_places=2, label="Target or baseline value"
    )
    source = forms.CharField(max_length=200, required=False)


class VaryForm(GovukForm):
    adopted_on = forms.DateField(widget=DateInput(), label="Date the varied plan was issued")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What it changed")
    review_case: forms.ModelChoiceField[StatutoryCase] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="The case in which the panel reviewed the draft",
    )
    withdraw: forms.ModelMultipleChoiceField[Measure] = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Measures the variation withdraws",
    )


class ReturnOpenForm(GovukForm):
    year = forms.IntegerField(
        label="Financial year", help_text="The year it begins: 2014 for 2014/15.", min_value=2000
    )
    quarter = forms.TypedChoiceField(
        choices=[(q, f"Quarter {q}") for q in (1, 2, 3, 4)], coerce=int
    )


class ReturnForm(VersionedForm):
    """A draft return's figures, one field per current measure, then the money."""

    commentary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, measures: list[Measure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measures = measures
        for m in measures:
            self.fields[f"m-{m.slug}"] = forms.DecimalField(
                required=False,
                max_digits=14,
                decimal_places=2,
                label=m.title,
                help_text=f"{m.get_unit_display()}. Leave empty if there is no figure.",
            )
        money = Return._meta
        for name in MONEY_FIELDS:
            model_field = money.get_field(name)
            self.fields[name] = forms.DecimalField(
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=0,
                label=str(getattr(model_field, "help_text", name)),
            )
        self.fields["commentary"] = self.fields.pop("commentary")
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-input govuk-input--width-10")

    def entries(self) -> dict[str, Entry]:
        return {m.slug: Entry(self.cleaned_data.get(f"m-{m.slug}")) for m in self.measures}

    def money(self) -> dict[str, Decimal | None]:
        return {name: self.cleaned_data.get(name) for name in MONEY_FIELDS}


class CsvForm(VersionedForm):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns measure (the code), value and an optional note. An empty value means "
        "no figure.",
    )


class QuestionForm(GovukForm):
    kind = forms.ChoiceField(choices=Question.Kind.choices, widget=forms.RadioSelect, label="Kind")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), label="Your question or recommendation"
    )
