"""Forms of the complaints handler's screens."""

from __future__ import annotations

from typing import Any

from django import forms

from meetings.models import Meeting
from panel.forms import DateInput, GovukForm
from panel.models import Person

from .models import Complaint

ROWS2: dict[str, Any] = {"widget": forms.Textarea(attrs={"rows": 2})}


class ComplaintForm(GovukForm):
    received_on = forms.DateField(widget=DateInput(), label="Date received")
    channel = forms.ChoiceField(choices=Complaint.Channel.choices, label="Received by")
    latest_incident_on = forms.DateField(
        widget=DateInput(),
        required=False,
        label="Date of the incident, or the latest incident, complained of (if known)",
        help_text="More than 12 months before the complaint, it may be set aside "
        "(SI 2012/62 reg 15(3)(b)).",
    )
    complainant_name = forms.CharField(max_length=200, label="Complainant's name")
    complainant_email = forms.EmailField(required=False, label="Complainant's email address")
    complainant_phone = forms.CharField(
        max_length=40, required=False, label="Complainant's telephone"
    )
    complainant_address = forms.CharField(
        required=False, label="Complainant's postal address", **ROWS2
    )
    subject = forms.ChoiceField(
        choices=Complaint.Subject.choices, widget=forms.RadioSelect, label="Complaint about"
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="The complaint")


class NotRecordForm(GovukForm):
    grounds = forms.CharField(label="Grounds for not recording (sent to the complainant)", **ROWS2)


class ConductMatterForm(GovukForm):
    recorded_on = forms.DateField(widget=DateInput(), label="Date recorded")
    subject = forms.ChoiceField(
        choices=Complaint.Subject.choices, widget=forms.RadioSelect, label="Whose conduct"
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="The matter, and what indicates that a criminal offence may have been committed",
    )
    became_clear_on = forms.DateField(
        widget=DateInput(),
        required=False,
        label="The day it first became clear that it is a conduct matter (if before today)",
    )


class RecordForm(GovukForm):
    serious = forms.BooleanField(
        required=False, label="Serious complaint: it alleges a criminal offence"
    )
    became_clear_on = forms.DateField(
        widget=DateInput(),
        required=False,
        label="If serious: the day it first became clear (if not today)",
        help_text="The referral is due by the end of the following day (SI 2012/62 reg 13).",
    )
    note = forms.CharField(required=False, label="Note", **ROWS2)


class ReferForm(GovukForm):
    # The body is named by the referral's date: the IPCC before 8 January 2018, the IOPC after.
    referred_on = forms.DateField(widget=DateInput(), label="Referred on")
    reference = forms.CharField(max_length=100, required=False, label="Their reference")
    note = forms.CharField(required=False, **ROWS2)


class IopcOutcomeForm(GovukForm):
    outcome = forms.CharField(label="The outcome of the referral", **ROWS2)
    back_to_panel = forms.BooleanField(required=False, label="Referred back to the panel to handle")


class SetAsideForm(GovukForm):
    ground = forms.ChoiceField(
        choices=Complaint.SetAsideGround.choices,
        widget=forms.RadioSelect,
        label="The ground in regulation 15(3) of SI 2012/62",
    )
    note = forms.CharField(required=False, **ROWS2)


class InformalForm(GovukForm):
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=None, required=False, label="Sub-committee meeting"
    )
    note = forms.CharField(required=False, **ROWS2)

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("meeting", meetings)


class ResolveForm(InformalForm):
    note = None  # type: ignore[assignment]  # Django's way to drop an inherited field
    outcome = forms.CharField(label="Outcome", **ROWS2)
    record = forms.CharField(required=False, label="Record of the resolution", **ROWS2)


class WithdrawForm(GovukForm):
    reason = forms.CharField(label="How the complainant withdrew", **ROWS2)


class ExcludeForm(GovukForm):
    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        queryset=None, label="Member to exclude from this case"
    )
    reason = forms.CharField(label="Reason, e.g. a declared interest", **ROWS2)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("person", people)


class AttachmentForm(GovukForm):
    title = forms.CharField(max_length=300)
    file = forms.FileField(label="PDF file")
