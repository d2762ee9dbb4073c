"""API shapes of statutory cases: what the policy's projection holds, and the OPCC's inputs."""

from __future__ import annotations

from rest_framework import serializers

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
    veto_outcome = serializers.CharField(allow_blank=True)
    veto_carried = serializers.BooleanField(allow_null=True)
    published = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    meeting = CaseReportMeetingSerializer(allow_null=True)
    response = CaseResponseSerializer(allow_null=True)


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
