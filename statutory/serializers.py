"""API shapes of statutory cases: what the policy's projection holds, and the OPCC's inputs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from documents.models import Access

from .models import CommissionerResponse, PanelReport, StatutoryCase


class CaseResponseSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    text = serializers.CharField()
    revised_precept = serializers.DecimalField(allow_null=True, max_digits=8, decimal_places=2)
    decision = serializers.ChoiceField(
        choices=CommissionerResponse.Decision.choices,
        help_text="On an appointment: whether the Commissioner accepted the recommendation.",
    )
    published_at = serializers.DateTimeField(allow_null=True)


class CaseReportMeetingSerializer(serializers.Serializer):
    slug = serializers.CharField()
    start = serializers.DateTimeField()
    resolution = serializers.IntegerField(help_text="The resolution's number within its item.")


class CaseReportSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=PanelReport.Stage.choices)
    made_on = serializers.DateField()
    text = serializers.CharField()
    recommendations = serializers.ListField(child=serializers.CharField())
    veto = serializers.ChoiceField(choices=PanelReport.Veto.choices)
    recommendation = serializers.ChoiceField(
        choices=PanelReport.Recommendation.choices,
        help_text="On an appointment: for or against the candidate.",
    )
    response_required_by = serializers.DateField(
        allow_null=True, help_text="The date the panel requires a written response by (s 29(3))."
    )
    veto_outcome = serializers.CharField(allow_blank=True)
    veto_carried = serializers.BooleanField(allow_null=True)
    published = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    meeting = CaseReportMeetingSerializer(allow_null=True)
    response = CaseResponseSerializer(allow_null=True)


class CaseDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    access = serializers.ChoiceField(choices=Access.choices)
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(help_text="The file's name as uploaded.")
    size = serializers.IntegerField(help_text="Bytes.")
    pages = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, document: dict[str, Any]) -> str:
        return reverse(
            "statutory:case-document",
            args=[self.context["panel_slug"], document["case_number"], document["pk"]],
        )


class CaseAttendanceMeetingSerializer(serializers.Serializer):
    slug = serializers.CharField()
    start = serializers.DateTimeField()


class CaseAttendanceSerializer(serializers.Serializer):
    meeting = CaseAttendanceMeetingSerializer()
    who = serializers.CharField()
    chief_constable_requested = serializers.BooleanField()
    notice_given_on = serializers.DateField()
    questions = serializers.CharField(allow_blank=True)


class CaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=StatutoryCase.Kind.choices)
    title = serializers.CharField()
    financial_year = serializers.IntegerField(allow_null=True)
    notified_on = serializers.DateField()
    proposed_precept = serializers.DecimalField(allow_null=True, max_digits=8, decimal_places=2)
    candidate = serializers.CharField(allow_blank=True)
    candidate_details = serializers.CharField(
        required=False, help_text="Exempt (Schedule 12A para 1): only for entitled readers."
    )
    criteria = serializers.CharField(allow_blank=True)
    terms = serializers.CharField(allow_blank=True)
    reserve_candidate = serializers.CharField(allow_blank=True)
    reserve_notified_on = serializers.DateField(allow_null=True)
    reserve_details = serializers.CharField(
        required=False, help_text="Exempt (Schedule 12A para 1): only for entitled readers."
    )
    status = serializers.ChoiceField(choices=StatutoryCase.Status.choices)
    status_note = serializers.CharField(allow_blank=True)
    issued_precept = serializers.DecimalField(allow_null=True, max_digits=8, decimal_places=2)
    issued_on = serializers.DateField(allow_null=True)
    decision_number = serializers.IntegerField(
        allow_null=True, help_text="The Commissioner's decision record issuing the precept."
    )
    version = serializers.IntegerField()
    reports = CaseReportSerializer(many=True)
    documents = CaseDocumentSerializer(many=True)
    attendance = CaseAttendanceSerializer(
        many=True, help_text="Attendance the panel requires (PRSRA 2011 s 29(1), (6))."
    )


class NotifySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StatutoryCase.Kind.choices)
    title = serializers.CharField(max_length=300)
    notified_on = serializers.DateField()
    financial_year = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=2013, max_value=2099
    )
    proposed_precept = serializers.DecimalField(
        required=False, allow_null=True, default=None, min_value=0, max_digits=8, decimal_places=2
    )
    candidate = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    candidate_details = serializers.CharField(required=False, allow_blank=True, default="")
    criteria = serializers.CharField(required=False, allow_blank=True, default="")
    terms = serializers.CharField(required=False, allow_blank=True, default="")


class RespondSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    text = serializers.CharField()
    revised_precept = serializers.DecimalField(
        required=False, allow_null=True, default=None, min_value=0, max_digits=8, decimal_places=2
    )
    decision = serializers.ChoiceField(
        choices=CommissionerResponse.Decision.choices, required=False, default=""
    )
    publish = serializers.BooleanField(required=False, default=True)
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class ReserveSerializer(serializers.Serializer):
    reserve_candidate = serializers.CharField(max_length=200)
    notified_on = serializers.DateField()
    reserve_details = serializers.CharField()
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class IssueSerializer(serializers.Serializer):
    issued_precept = serializers.DecimalField(min_value=0, max_digits=8, decimal_places=2)
    issued_on = serializers.DateField()
    decision_number = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=2_000_000_000
    )
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)
