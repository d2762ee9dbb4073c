"""API shapes of the plan, its figures and returns, and the office's inputs."""

from __future__ import annotations

from rest_framework import serializers

from .models import Measure, Return


def _pounds(*, max_digits: int = 14, required: bool = True) -> serializers.DecimalField:
    """A return's money field, in pounds and pence; null where the office gave none."""
    return serializers.DecimalField(
        max_digits=max_digits, decimal_places=2, allow_null=True, required=required
    )


class MeasureSerializer(serializers.Serializer):
    code = serializers.CharField(source="slug", help_text="The measure's code in returns.")
    title = serializers.CharField()
    priority = serializers.CharField(source="priority.title")
    unit = serializers.ChoiceField(choices=Measure.Unit.choices)
    good_direction = serializers.ChoiceField(choices=Measure.Direction.choices)
    reference_kind = serializers.ChoiceField(choices=Measure.Reference.choices)
    reference = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.source
    withdrawn = serializers.SerializerMethodField()

    def get_withdrawn(self, measure: Measure) -> bool:
        return measure.withdrawn_in_id is not None


class PlanSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    commissioner = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    published_at = serializers.DateTimeField(allow_null=True)


class PlanDetailSerializer(PlanSerializer):
    measures = MeasureSerializer(many=True)


class FigureRowSerializer(serializers.Serializer):
    priority = serializers.CharField()
    measure = serializers.CharField(help_text="The measure's code.")
    title = serializers.CharField()
    unit = serializers.CharField()
    good_direction = serializers.CharField()
    reference_kind = serializers.CharField()
    reference = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    quarter = serializers.CharField(help_text="For example 2014/15 Q1.")
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Null: no figure."
    )
    note = serializers.CharField(allow_blank=True)


class ReturnFigureSerializer(serializers.Serializer):
    measure = serializers.CharField(source="measure.slug", help_text="The measure's code.")
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(allow_blank=True)


class ReturnSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="For example 2014-15-q1.")
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Return.Status.choices)
    version = serializers.IntegerField()
    commentary = serializers.CharField(allow_blank=True)
    budget = _pounds()
    forecast = _pounds()
    spend_to_date = _pounds()
    reserves_general = _pounds()
    reserves_earmarked = _pounds()
    precept_band_d = _pounds(max_digits=8)
    submitted_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)


class ReturnDetailSerializer(ReturnSerializer):
    figures = ReturnFigureSerializer(many=True)


class ReturnOpenSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="The year the financial year begins.")
    quarter = serializers.IntegerField(min_value=1, max_value=4)


class EntrySerializer(serializers.Serializer):
    measure = serializers.CharField(help_text="The measure's code.")
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Null: no figure."
    )
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=500)


class ReturnSaveSerializer(serializers.Serializer):
    figures = EntrySerializer(many=True)
    commentary = serializers.CharField(allow_blank=True, required=False)
    budget = _pounds(required=False)
    forecast = _pounds(required=False)
    spend_to_date = _pounds(required=False)
    reserves_general = _pounds(required=False)
    reserves_earmarked = _pounds(required=False)
    precept_band_d = _pounds(max_digits=8, required=False)
    version = serializers.IntegerField(required=False, help_text="The version the edit began from.")


class ReturnCsvSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV: columns measure, value and optionally note.")
    version = serializers.IntegerField(required=False)


class StepSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
