"""The OPCC's notification and response, the clerk's report, and the steps' small forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from meetings.forms import ExemptionFields
from meetings.models import Meeting, Resolution
from panel.forms import DateInput, GovukForm

from .models import CommissionerResponse, PanelReport, StatutoryCase


def _text() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 5})


class NotifyForm(GovukForm):
    kind = forms.ChoiceField(choices=StatutoryCase.Kind.choices, label="What is notified")
    title = forms.CharField(max_length=300)
    notified_on = forms.DateField(widget=DateInput(), label="Date the panel was notified")
    financial_year = forms.IntegerField(
        required=False,
        label="Financial year (precept)",
        help_text="The year it begins: 2015 for the precept for 2015/16.",
    )
    proposed_precept = forms.DecimalField(
        required=False,
        label="Proposed precept, Band D (£)",
        max_digits=8,
        decimal_places=2,
        min_value=0,
    )
    candidate = forms.CharField(max_length=200, required=False, label="Candidate (appointments)")
    criteria = forms.CharField(
        required=False,
        label="The criteria used to assess the candidate's suitability (chief constable)",
        help_text="Published with the case (PRSRA 2011 Sch 8 para 3(2)(b)).",
        widget=_text(),
    )
    candidate_details = forms.CharField(
        required=False,
        label="Why the candidate satisfies those criteria: the candidate's personal material",
        help_text="Exempt (Schedule 12A para 1): never shown to the public.",
        widget=_text(),
    )
    terms = forms.CharField(
        required=False,
        label="The terms and conditions of the appointment (chief constable)",
        help_text="Published with the case (PRSRA 2011 Sch 8 para 3(2)(d)).",
        widget=_text(),
    )


class ReportForm(GovukForm):
    made_on = forms.DateField(widget=DateInput(), label="Date of the report")
    resolution: forms.ModelChoiceField[Resolution] = forms.ModelChoiceField(
        queryset=Resolution.objects.none(),  # the panel's, given by the view
        required=False,
        label="Agreed at (the resolution, with its recorded vote for a veto)",
    )
    text = forms.CharField(label="The panel's report", widget=_text())
    recommendations = forms.CharField(
        required=False, help_text="One recommendation a line.", widget=_text()
    )
    response_required_by = forms.DateField(
        widget=DateInput(),
        required=False,
        label="Require the Commissioner's written response by (optional)",
        help_text="The panel may set a reasonable period for a written response "
        "(PRSRA 2011 s 29(3)); not for a precept or an appointment, whose course the law sets.",
    )
    recommendation = forms.ChoiceField(
        choices=PanelReport.Recommendation.choices,
        widget=forms.RadioSelect,
        required=False,
        initial="",
        label="On an appointment: the panel's recommendation",
    )
    veto = forms.ChoiceField(
        choices=PanelReport.Veto.choices, widget=forms.RadioSelect, initial="none"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, resolutions: QuerySet[Resolution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("resolution", resolutions)
        field = self.fields["resolution"]
        field.label_from_instance = _resolution_label  # type: ignore[attr-defined]  # Django's hook


def _resolution_label(resolution: Resolution) -> str:
    item = resolution.item
    day = f"{item.meeting.start:%-d %B %Y}"
    return f"{day}, item {item.number}, resolution {resolution.position}: {resolution.text[:80]}"


class ResponseForm(GovukForm):
    received_on = forms.DateField(widget=DateInput(), label="Date the panel received it")
    text = forms.CharField(label="The Commissioner's response", widget=_text())
    revised_precept = forms.DecimalField(
        required=False,
        label="Revised precept after a veto, Band D (£)",
        max_digits=8,
        decimal_places=2,
        min_value=0,
    )
    decision = forms.ChoiceField(
        choices=CommissionerResponse.Decision.choices,
        widget=forms.RadioSelect,
        required=False,
        initial="",
        label="On an appointment: the Commissioner's decision on the recommendation",
    )
    publish = forms.BooleanField(required=False, label="Publish the response now")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReserveForm(GovukForm):
    reserve_candidate = forms.CharField(max_length=200, label="The reserve candidate")
    notified_on = forms.DateField(widget=DateInput(), label="Date the panel was notified")
    reserve_details = forms.CharField(
        label="Why the reserve candidate satisfies the criteria: personal material",
        help_text="Exempt (Schedule 12A para 1): never shown to the public.",
        widget=_text(),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StepForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class IssueForm(StepForm):
    issued_precept = forms.DecimalField(
        label="Precept issued, Band D (£)", max_digits=8, decimal_places=2, min_value=0
    )
    issued_on = forms.DateField(widget=DateInput(), label="Date issued")
    decision_number = forms.IntegerField(
        required=False,
        min_value=1,
        label="The Commissioner's decision record issuing it (its number)",
        help_text="For example 43 for the decision numbered 0043.",
    )


class DocumentForm(ExemptionFields):
    """A paper of the case: public when added unless exempt (a candidate's application is
    exempt under Schedule 12A para 1)."""

    title = forms.CharField(max_length=300, label="Title of the document")
    file = forms.FileField(label="PDF file")
    public_interest = None  # type: ignore[assignment]  # the case's papers carry no statement
    field_order = ["title", "file", "access", "exempt_paragraph"]


class AttendanceForm(GovukForm):
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),  # the panel's meetings to come, given by the view
        label="The meeting of the panel at which they must attend",
    )
    who = forms.CharField(
        max_length=300,
        label="Who the panel requires to attend",
        help_text="The Commissioner, members of the Commissioner's staff (PRSRA 2011 s 29(1)).",
    )
    notice_given_on = forms.DateField(widget=DateInput(), label="Date notice was given")
    chief_constable_requested = forms.BooleanField(
        required=False,
        label="Request the chief constable to attend on the same occasion (s 29(6))",
    )
    questions = forms.CharField(
        required=False, label="What the panel wants answered", widget=_text()
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("meeting", meetings)
        field = self.fields["meeting"]
        field.label_from_instance = _meeting_label  # type: ignore[attr-defined]  # Django's hook


def _meeting_label(meeting: Meeting) -> str:
    return f"{timezone.localtime(meeting.start):%-d %B %Y, %H:%M}, {meeting.venue}"
