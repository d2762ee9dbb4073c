"""Forms of the clerk's drafting and minuting screens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from documents import exemptions
from panel.forms import DateInput, GovukForm, VersionedForm
from panel.models import Body, Person

from .models import Access, AgendaItem, Attendance, Meeting, Report, VoteCast


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(GovukForm):
    body: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        queryset=None, empty_label=None, label="Body"
    )
    date = forms.DateField(widget=DateInput())
    time = forms.TimeField(widget=TimeInput(), label="Start time")
    venue = forms.CharField(max_length=300)
    webcast_url = forms.URLField(required=False, label="Webcast link", assume_scheme="https")
    previous: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Previous meeting",
        help_text="Its minutes are approved at this meeting.",
        empty_label="None",
    )

    def __init__(self, *args: Any, bodies: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("body", bodies)
        self.choose_from("previous", meetings)

    def start(self) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        )


class ExemptionFields(GovukForm):
    access = forms.ChoiceField(
        choices=Access.choices,
        widget=forms.RadioSelect,
        label="Public or exempt",
        help_text="Exempt business is taken after the public are excluded.",
    )
    exempt_paragraph = forms.TypedChoiceField(
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        label="Exemption paragraph",
        help_text="Required for exempt business.",
    )
    public_interest = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Public interest statement",
        help_text="Shown on the public “reasons restricted” page.",
    )

    def set_jurisdiction(self, jurisdiction: str) -> None:
        choices = [("", "Not exempt"), *exemptions.choices_for(jurisdiction)]
        self.offer("exempt_paragraph", choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("access") == Access.EXEMPT and not data.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", "Choose the paragraph that makes it exempt.")
        if data.get("access") == Access.PUBLIC:
            data["exempt_paragraph"] = None
        return data


class ItemForm(ExemptionFields, VersionedForm):
    title = forms.CharField(max_length=300)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    field_order = ["title", "purpose", "access", "exempt_paragraph", "public_interest"]


class ItemAddForm(ItemForm):
    parent = forms.TypedChoiceField(
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        label="Under heading",
        help_text="Leave as “None” for a numbered item of its own.",
    )
    heading = forms.BooleanField(
        required=False,
        label="It is a heading, with items under it",
        help_text="A heading has no report of its own: add its items under it, numbered 1(1), "
        "1(2) and so on.",
    )


class ReportForm(VersionedForm):
    recommendations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One recommendation a line; they are numbered for you.",
    )
    body_format = forms.ChoiceField(choices=Report.Format.choices, label="Format of the report")
    body_source = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        label="Report",
    )
    author = forms.CharField(max_length=200, required=False, label="Report author")
    author_contact = forms.CharField(
        max_length=200, required=False, label="Author's contact details"
    )
    head_of_service = forms.CharField(max_length=200, required=False)
    strategic_director = forms.CharField(max_length=200, required=False)
    background_papers = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


PDF_HINT = (
    "A PDF up to 20 MB. Save it with its document structure tags (Word: Save as PDF, Options, "
    "“Document structure tags for accessibility”) so that the pack stays readable with a "
    "screen reader."
)


class AppendixForm(ExemptionFields, VersionedForm):
    title = forms.CharField(max_length=300)
    file = forms.FileField(required=False, label="PDF file", help_text=PDF_HINT)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        label="Or write the appendix",
        help_text="Markdown.",
    )
    field_order = ["title", "file", "text", "access", "exempt_paragraph", "public_interest"]


class ReplaceFileForm(VersionedForm):
    appendix = forms.ChoiceField(choices=[], label="Appendix")
    file = forms.FileField(label="New PDF file", help_text=PDF_HINT)

    def __init__(self, *args: Any, letters: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("appendix", letters)


class MeetingStatusForm(VersionedForm):
    """Postpone, cancel or reinstate a meeting (the service checks which is possible)."""

    step = forms.ChoiceField(
        choices=[
            ("postpone", "Postpone the meeting"),
            ("cancel", "Cancel the meeting"),
            ("reinstate", "It goes ahead on its own date after all"),
        ],
        widget=forms.RadioSelect,
        label="What has happened",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason",
        help_text="Shown to the public. Required to cancel a meeting.",
    )
    postponed_to = forms.DateField(
        widget=DateInput(),
        required=False,
        label="New date, if known",
        help_text="For a postponed meeting.",
    )

    def inputs(self) -> dict[str, Any]:
        """The chosen step's inputs, from the fields that step takes."""
        data = self.cleaned_data
        taken = {
            "postpone": {"reason": data["reason"], "postponed_to": data["postponed_to"]},
            "cancel": {"reason": data["reason"]},
            "reinstate": {},
        }
        return {**taken[data["step"]], "expected_version": data["version"]}


class PublishForm(GovukForm):
    late_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Reason for late publication",
    )
    change_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="What has changed"
    )

    def __init__(
        self, *args: Any, deadline: dt.date, late: bool, supplementary: bool, **kwargs: Any
    ) -> None:
        """``late``: publishing now would not give five clear working days (the first agenda
        after ``deadline``, or a supplementary agenda with late items), so the special
        circumstances are required (LGA 1972 s.100B(4)(b)); the service refuses without them."""
        super().__init__(*args, **kwargs)
        field = self.fields["late_reason"]
        field.required = late
        on_time = f"The last day to publish on time was {deadline:%A %-d %B %Y}"
        if supplementary:
            field.help_text = (
                "Items added since publication were not on the agenda for five clear working "
                "days: say why they cannot wait for the next meeting. It is shown with the "
                "agenda and in the minutes."
            )
        elif late:
            field.help_text = (
                f"{on_time} (five clear working days before the meeting). Give the special "
                "circumstances: they are shown with the agenda and in the minutes."
            )
        else:
            field.help_text = f"Not needed if you publish by {deadline:%A %-d %B %Y}."
        field.error_messages["required"] = (
            "Give the reason for publishing late."
            if supplementary
            else f"Give the reason for publishing late. {on_time}."
        )


class AttendanceForm(GovukForm):
    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(queryset=None)
    status = forms.ChoiceField(choices=Attendance.Status.choices)
    substitute_for: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        queryset=None, required=False, label="Replacing"
    )
    capacity = forms.CharField(max_length=200, required=False, label="Capacity or job title")

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("person", people)
        self.choose_from("substitute_for", people)


class DeclarationForm(GovukForm):
    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(queryset=None)
    item: forms.ModelChoiceField[AgendaItem] = forms.ModelChoiceField(
        queryset=None, required=False, label="Agenda item"
    )
    item_text = forms.CharField(max_length=300, required=False, label="Or the matter, in words")
    pecuniary = forms.TypedChoiceField(
        choices=[("0", "Non-pecuniary"), ("1", "Pecuniary")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        label="Kind of interest",
    )
    nature = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Nature of the interest"
    )

    def __init__(self, *args: Any, people: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("person", people)
        self.choose_from("item", items)


class MinuteForm(VersionedForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label="Minute")
    resolutions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One resolution a line; numbered for you.",
    )


class QuestionForm(GovukForm):
    item: forms.ModelChoiceField[AgendaItem] = forms.ModelChoiceField(
        queryset=None, label="Agenda item"
    )
    asked_by = forms.CharField(max_length=200, label="Asked by")
    question = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    answered_by = forms.CharField(max_length=200, required=False, label="Answered by")

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("item", items)


class CorrectionForm(GovukForm):
    item: forms.ModelChoiceField[AgendaItem] = forms.ModelChoiceField(
        queryset=None, label="Agenda item"
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Corrected minute")
    resolutions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Corrected resolutions",
        help_text="One a line. Leave blank to keep them as they are.",
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why it is corrected")

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("item", items)


class UrgentItemForm(ExemptionFields, VersionedForm):
    """Business the Chair accepted as urgent at the meeting (LGA 1972 s.100B(4)(b))."""

    item = forms.TypedChoiceField(
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        label="An item already added to the draft agenda",
        help_text="Or leave as “A new item” and give its title.",
    )
    title = forms.CharField(max_length=300, required=False, label="Title of a new item")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="The special circumstances",
        help_text="Why the Chair agreed to take it as a matter of urgency. The minutes say so.",
        error_messages={
            "required": (
                "Give the special circumstances for which the Chair accepted the item as urgent."
            )
        },
    )
    field_order = ["item", "title", "reason", "access", "exempt_paragraph", "public_interest"]

    def __init__(self, *args: Any, drafts: Any, jurisdiction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_jurisdiction(jurisdiction)
        self.offer(
            "item",
            [("", "A new item"), *((i.pk, f"{i.number} {i.title}") for i in drafts)],
        )
        self.fields["access"].initial = Access.PUBLIC

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("item") is None and not (data.get("title") or "").strip():
            self.add_error("title", "Give the new item's title, or choose an item of the draft.")
        return data


class MinutesPublishForm(GovukForm):
    rose_at = forms.TimeField(widget=TimeInput(), required=False, label="The meeting rose at")


class MinutesApproveForm(GovukForm):
    at_meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        queryset=None, label="Approved at"
    )
    signed_by: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        queryset=None, label="Signed by (the Chair)"
    )

    def __init__(self, *args: Any, meetings: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_from("at_meeting", meetings)
        self.choose_from("signed_by", people)


# The fields of one standing item, in the form's order (the views read them back by these names).
STANDING_FIELDS = [
    "title",
    "kind",
    "purpose",
    "parent_title",
    "access",
    "exempt_paragraph",
    "panel_only",
]


class StandingItemForm(ExemptionFields, GovukForm):
    """One item of the panel's standing-item template."""

    title = forms.CharField(max_length=300)
    kind = forms.ChoiceField(
        choices=AgendaItem.Kind.choices,
        label="Kind of item",
        help_text="Decides what the agenda does with it: the minutes item takes the previous "
        "meeting's minutes, the Commissioner's report the decisions since the last meeting.",
    )
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    parent_title = forms.ChoiceField(
        choices=[],
        required=False,
        label="Under heading",
        help_text="Leave as “None” for a numbered item of its own.",
    )
    panel_only = forms.BooleanField(
        required=False,
        label="Only on the panel's own agendas",
        help_text="Left out of the agendas of working groups, task and finish groups and "
        "sub-committees.",
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    field_order = STANDING_FIELDS

    def __init__(self, *args: Any, jurisdiction: str, headings: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["public_interest"]  # an agenda's own items carry it, not the template
        self.set_jurisdiction(jurisdiction)
        choices = [("", "None"), *((h, h) for h in headings)]
        self.offer("parent_title", choices)


class VoteForm(GovukForm):
    """How each member present voted on one resolution: a choice per voter."""

    CHOICES = [("", "Did not vote"), *VoteCast.Cast.choices]

    def __init__(
        self, *args: Any, voters: list[Person], initial_casts: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.voters = {f"person_{p.pk}": p for p in voters}
        for name, person in self.voters.items():
            self.fields[name] = forms.ChoiceField(
                choices=self.CHOICES,
                required=False,
                label=person.display_name,
                initial=initial_casts.get(person.pk, ""),
            )

    def casts(self) -> list[tuple[Person, str]]:
        return [(p, self.cleaned_data[n]) for n, p in self.voters.items() if self.cleaned_data[n]]
