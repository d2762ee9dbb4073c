"""API shapes of decisions: what the policy's projection holds, and the OPCC's inputs."""

from __future__ import annotations

from rest_framework import serializers

from documents.models import Access

from .models import Decision


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField(allow_null=True)
    reference = serializers.SerializerMethodField()
    status = serializers.CharField()
    tombstone = serializers.BooleanField()
    title = serializers.CharField(required=False)
    category = serializers.CharField(required=False)
    executive_summary = serializers.CharField(required=False)
    decision = serializers.CharField(required=False)
    background = serializers.CharField(required=False)
    financial_implications = serializers.CharField(required=False)
    legal_implications = serializers.CharField(required=False)
    equality_implications = serializers.CharField(required=False)
    consultation = serializers.CharField(required=False)
    risks = serializers.CharField(required=False)
    declaration_of_interests = serializers.CharField(required=False)
    has_exempt_part = serializers.BooleanField(required=False)
    exempt_part = serializers.CharField(required=False, help_text="Only for entitled readers.")
    exempt_paragraph = serializers.IntegerField(required=False, allow_null=True)
    exempt_reason = serializers.CharField(required=False)
    chief_executive = serializers.CharField(required=False)
    chief_executive_on = serializers.DateField(required=False, allow_null=True)
    chief_finance_officer = serializers.CharField(required=False)
    chief_finance_officer_on = serializers.DateField(required=False, allow_null=True)
    signed_by = serializers.CharField(required=False)
    signed_on = serializers.DateField(required=False, allow_null=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)

    def get_reference(self, view: dict) -> str | None:
        number = view.get("number")
        return f"{self.context['prefix']} {number:04d}" if number else None

    def to_representation(self, instance: dict) -> dict:
        data = super().to_representation({**instance, "pk": instance.get("pk")})
        return {k: v for k, v in data.items() if k in instance or k in ("id", "reference")}


class DecisionWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=Decision.Category.choices, default="other")
    executive_summary = serializers.CharField()
    decision = serializers.CharField()
    background = serializers.CharField(required=False, allow_blank=True, default="")
    financial_implications = serializers.CharField(required=False, allow_blank=True, default="")
    legal_implications = serializers.CharField(required=False, allow_blank=True, default="")
    equality_implications = serializers.CharField(required=False, allow_blank=True, default="")
    consultation = serializers.CharField(required=False, allow_blank=True, default="")
    risks = serializers.CharField(required=False, allow_blank=True, default="")
    declaration_of_interests = serializers.CharField(required=False, allow_blank=True, default="")
    exempt_part = serializers.CharField(required=False, allow_blank=True, default="")
    exempt_paragraph = serializers.IntegerField(required=False, allow_null=True, default=None)
    exempt_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer):
    reviewer = serializers.ChoiceField(choices=["chief_executive", "chief_finance_officer"])
    name = serializers.CharField(max_length=200)
    on = serializers.DateField()


class SignSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    on = serializers.DateField()


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField()


class AttachmentWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    access = serializers.ChoiceField(choices=Access.choices, default=Access.PUBLIC)
    file = serializers.FileField()
