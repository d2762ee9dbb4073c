"""Forms of the work programme and the tracker."""

from __future__ import annotations

from typing import Any

from django import forms

from meetings.models import Meeting
from panel.forms import GovukForm, VersionedForm
from panel.models import Person

from .models import Action, WorkProgrammeItem


class NoteForm(VersionedForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Progress note")
    status = forms.ChoiceField(choices=Action.Status.choices)


class LeadFields(GovukForm):
    lead_person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        queryset=None, required=False, label="Lead member or officer"
    )
    lead_opcc = forms.BooleanField(required=False, label="Led by the Commissioner's office (OPCC)")
    lead_team = forms.CharField(max_length=200, required=False, label="Or a team")
    update_due: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=None, required=False, label="Update due at"
    )

    def __init__(self, *args: Any, people: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("lead_person", people)
        self.choose_from("update_due", meetings)


class ActionForm(LeadFields):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Recommendation or action"
    )
    raised_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Date raised")
    field_order = ["text", "raised_on"]


class WorkItemForm(GovukForm):
    municipal_year = forms.CharField(max_length=7, help_text="For example, 2014/15.")
    topic = forms.CharField(max_length=300, label="Item")
    report_detail = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    lead_officer = forms.CharField(max_length=200, required=False)
    standing = forms.ChoiceField(choices=WorkProgrammeItem.Standing.choices, required=False)
    next_meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=None, required=False, label="Meeting of next report"
    )
    next_note = forms.CharField(max_length=200, required=False, label="Or when, in words")

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("next_meeting", meetings)


class DeferForm(GovukForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class ScheduleForm(GovukForm):
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=None, required=False, label="Next report at"
    )
    note = forms.CharField(max_length=200, required=False, label="Or when, in words")

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("meeting", meetings)
