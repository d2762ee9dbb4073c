"""Forms in the GOV.UK Frontend pattern. They parse input; services decide."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms.renderers import TemplatesSetting
from django.template.loader import render_to_string

from . import tasks
from .http import PanelRequest
from .models import Authority, Body, Membership, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _govuk_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios__input"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "govuk-file-upload"
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea"
    if isinstance(widget, forms.Select):
        return "govuk-select"
    if isinstance(widget, DateInput):
        return "govuk-input govuk-input--width-10"
    return "govuk-input"


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class GovukForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", _govuk_class(field.widget))

    def choose_from(self, name: str, queryset: QuerySet[Any]) -> None:
        """The rows a model choice field offers, given per form: the panel's own."""
        field = self.fields[name]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{name} is not a model choice field")
        field.queryset = queryset

    def offer(self, name: str, choices: Iterable[tuple[Any, str]]) -> None:
        """The choices a choice field offers, given per form."""
        field = self.fields[name]
        if not isinstance(field, forms.ChoiceField):
            raise TypeError(f"{name} is not a choice field")
        field.choices = choices

    def add_service_errors(self, error: Any) -> None:
        """Show a service's ValidationError on the fields it names (or above the form)."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


def cleaned_or_raise(form: forms.Form) -> dict[str, Any]:
    """A small action form's data, or a ValidationError naming each bad field by its label."""
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[f].label or f}: {e}" if f in form.fields else e
                for f, errors in form.errors.items()
                for e in errors
            ]
        )
    return dict(form.cleaned_data)


# A step's form, filled from the request for the object the step changes.
StepFormFactory = Callable[[PanelRequest, Any], forms.Form]
# A step's inputs, from its form's cleaned data, the request and the object.
StepInputs = Callable[[dict[str, Any], PanelRequest, Any], dict[str, Any]]


def _as_cleaned(data: dict[str, Any], request: PanelRequest, obj: Any) -> dict[str, Any]:
    return data


@dataclass(frozen=True)
class StepForm:
    """How a page reads one step of a workflow: the form it fills from the request (none for a
    step that takes nothing), and how the form's cleaned data becomes the step's inputs."""

    form: StepFormFactory | None = None
    inputs: StepInputs = _as_cleaned


def posted(form_class: type[forms.Form]) -> StepFormFactory:
    """A step's form that needs nothing but the POST."""
    return lambda request, obj: form_class(request.POST)


def step_inputs(
    table: Mapping[str, StepForm], step: str, request: PanelRequest, obj: Any
) -> dict[str, Any]:
    """The inputs of ``step`` on ``obj``, read from the request by the step's form (a
    ValidationError naming each bad field if it refuses them). A step the table does not name
    reads nothing: the service's table of steps answers for it, a 404 if there is no such step."""
    entry = table.get(step, StepForm())
    data = cleaned_or_raise(entry.form(request, obj)) if entry.form else {}
    return entry.inputs(data, request, obj)


class VersionedForm(GovukForm):
    """Carries the version the edit started from, so a later save can detect a clash."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


TOR_LABELS = {
    "rationale": "Rationale",
    "role_and_objectives": "Role and objectives",
    "information_needed": "What information is needed?",
    "indicators_of_success": "Indicators of success",
    "frequency": "Frequency",
}


def address_field() -> forms.SlugField:
    return forms.SlugField(
        max_length=80,
        required=False,
        label="Address",
        help_text="Letters, numbers and hyphens. Leave blank to make one from the name.",
    )


class BodyForm(VersionedForm):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Body.Kind.choices, label="Kind of body")
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=TOR_LABELS["rationale"],
        help_text="Key issues and the reason for the body.",
    )
    role_and_objectives = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        label=TOR_LABELS["role_and_objectives"],
        help_text="One objective to a line.",
    )
    information_needed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label=TOR_LABELS["information_needed"],
    )
    indicators_of_success = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=TOR_LABELS["indicators_of_success"],
    )
    frequency = forms.CharField(max_length=200, required=False, label=TOR_LABELS["frequency"])
    established_on = forms.DateField(required=False, widget=DateInput(), label="Established on")
    scope = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Scope (task and finish groups)",
    )
    ends_on = forms.DateField(
        required=False, widget=DateInput(), label="End date (task and finish groups)"
    )


class BodyCreateForm(BodyForm):
    version = None  # type: ignore[assignment]  # Django's way to drop an inherited field
    slug = address_field()


class PersonForm(VersionedForm):
    title = forms.CharField(max_length=40, required=False, help_text="For example, Councillor.")
    name = forms.CharField(max_length=200, label="Full name")
    job_title = forms.CharField(max_length=200, required=False)
    organisation = forms.CharField(max_length=200, required=False)
    email = forms.EmailField(required=False, label="Email address")
    phone = forms.CharField(max_length=40, required=False, label="Telephone")


class PersonCreateForm(PersonForm):
    version = None  # type: ignore[assignment]  # Django's way to drop an inherited field
    slug = address_field()


class MembershipForm(GovukForm):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), empty_label="Choose a person")
    role = forms.ChoiceField(choices=Membership.Role.choices)
    authority = forms.ModelChoiceField(
        queryset=Authority.objects.none(),
        required=False,
        empty_label="None (not a councillor)",
        help_text="The council the person represents.",
    )
    co_opted = forms.BooleanField(required=False, label="Co-opted independent member")
    start_date = forms.DateField(widget=DateInput())
    end_date = forms.DateField(
        widget=DateInput(), required=False, help_text="Leave blank if the seat is open-ended."
    )

    def __init__(self, *args: Any, people: Any, authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("person", people)
        self.choose_from("authority", authorities)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date.")
        return data


class MembershipEditForm(MembershipForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["person"]


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the reset email through a Celery worker, once the request's transaction commits."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        transaction.on_commit(
            lambda: tasks.email_send.delay(
                subject=subject, body=body, to=[to_email], from_email=from_email
            )
        )


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        max_length=100,
        label="Name",
        error_messages={"required": "Enter the name of the system that will use the token."},
        help_text="The system that will use the token, for example “Decision records system”.",
    )
    days = forms.TypedChoiceField(
        coerce=int,
        choices=[(30, "30 days"), (90, "90 days"), (365, "365 days")],
        initial=90,
        widget=forms.RadioSelect,
        label="Expires after",
        error_messages={
            "required": "Choose when the token expires.",
            "invalid_choice": "Choose when the token expires: after 30, 90 or 365 days.",
        },
    )
