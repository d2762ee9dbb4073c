"""API shapes of statutory cases: what the policy's projection holds, and the OPCC's inputs."""

from __future__ import annotations

from rest_framework import serializers

from .models import StatutoryCase


class CaseResponseSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    text = serializers.CharField()
    revised_precept = serializers.DecimalField(allow_null=True, max_digits=8, decimal_places=2)
    published_at = serializers.DateTimeField(allow_null=True)


class CaseReportMeetingSerializer(serializers.Serializer):
    slug = serializers.CharField()
    start = serializers.DateTimeField()
    resolution = serializers.IntegerField(help_text="The resolution's number within its item.")


class CaseReportSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=["first", "revised"])
    made_on = serializers.DateField()
    text = serializers.CharField()
    recommendations = serializers.ListField(child=serializers.CharField())
    veto = serializers.ChoiceField(choices=["none", "too_high", "too_low"])
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
    status = serializers.ChoiceField(choices=StatutoryCase.Status.choices)
    status_note = serializers.CharField(allow_blank=True)
    issued_precept = serializers.DecimalField(allow_null=True, max_digits=8, decimal_places=2)
    issued_on = serializers.DateField(allow_null=True)
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


class RespondSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    text = serializers.CharField()
    revised_precept = serializers.DecimalField(
        required=False, allow_null=True, default=None, min_value=0, max_digits=8, decimal_places=2
    )
    publish = serializers.BooleanField(required=False, default=True)
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)
