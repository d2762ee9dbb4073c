"""API shapes of meetings. Agendas and minutes are served as the policy projects them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from panel.access import PUBLIC
from panel.models import Body

from . import access
from .models import Access, Meeting


class MeetingSerializer(serializers.ModelSerializer):
    body: serializers.SlugRelatedField[Body] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    body_name = serializers.CharField(source="body.name", read_only=True)
    cancelled = serializers.BooleanField(source="is_cancelled", read_only=True)
    agenda_status = serializers.SerializerMethodField(
        help_text='"to_follow" until the agenda is published ("Agenda to follow"), then '
        '"published".'
    )

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "body",
            "body_name",
            "start",
            "venue",
            "webcast_url",
            "status",
            "status_reason",
            "postponed_to",
            "cancelled",
            "agenda_status",
            "agenda_version",
            "minutes_status",
        ]

    def get_agenda_status(self, meeting: Meeting) -> str:
        return "published" if meeting.is_published else "to_follow"

    def to_representation(self, instance: Meeting) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        reader = request.user if request is not None else PUBLIC
        data["minutes_status"] = access.minutes_status_for(reader, instance)
        return data


class FileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    pages = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, data: dict[str, Any]) -> str:
        meeting = self.context["meeting"]
        return self.context["request"].build_absolute_uri(
            reverse("meetings:file", args=[meeting.panel.slug, meeting.slug, data["id"]])
        )


class AppendixSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter = serializers.CharField()
    title = serializers.CharField()
    access = serializers.ChoiceField(choices=Access.choices)
    paragraph = serializers.IntegerField(allow_null=True)
    public_interest = serializers.CharField(allow_blank=True)
    restricted = serializers.BooleanField()
    file = FileSerializer(allow_null=True, required=False)
    text_html = serializers.CharField(allow_blank=True, required=False)


class ReportSerializer(serializers.Serializer):
    recommendations = serializers.ListField(child=serializers.CharField())
    body_html = serializers.CharField(allow_blank=True)
    author = serializers.CharField(allow_blank=True)
    author_contact = serializers.CharField(allow_blank=True)
    head_of_service = serializers.CharField(allow_blank=True)
    strategic_director = serializers.CharField(allow_blank=True)
    background_papers = serializers.CharField(allow_blank=True)


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    parent = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]  # not Field.parent: DRF's metaclass takes it
    number = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    purpose = serializers.CharField(allow_blank=True)
    access = serializers.ChoiceField(choices=Access.choices)
    paragraph = serializers.IntegerField(allow_null=True)
    public_interest = serializers.CharField(allow_blank=True)
    late = serializers.BooleanField()
    restricted = serializers.BooleanField()
    report = ReportSerializer(allow_null=True)
    appendices = AppendixSerializer(many=True)


class QuestionSerializer(serializers.Serializer):
    asked_by = serializers.CharField()
    question = serializers.CharField()
    answer = serializers.CharField(allow_blank=True)
    answered_by = serializers.CharField(allow_blank=True)


class VoteCastSerializer(serializers.Serializer):
    person = serializers.CharField()
    cast = serializers.ChoiceField(choices=["for", "against", "abstained"])


class VoteSerializer(serializers.Serializer):
    resolution = serializers.IntegerField(help_text="The resolution's number within the item.")
    in_favour = serializers.IntegerField()
    against = serializers.IntegerField()
    abstained = serializers.IntegerField()
    outcome = serializers.CharField()
    casts = VoteCastSerializer(many=True)


class MinutesItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    access = serializers.ChoiceField(choices=Access.choices)
    paragraph = serializers.IntegerField(allow_null=True)
    restricted = serializers.BooleanField()
    minute = serializers.CharField(allow_blank=True)
    resolutions = serializers.ListField(child=serializers.CharField())
    votes = VoteSerializer(many=True, required=False, default=list)
    questions = QuestionSerializer(many=True)


class AttendanceSerializer(serializers.Serializer):
    person = serializers.CharField()
    status = serializers.CharField()
    capacity = serializers.CharField(allow_blank=True)
    substitute_for = serializers.CharField(allow_null=True)


class DeclarationSerializer(serializers.Serializer):
    person = serializers.CharField()
    item = serializers.CharField()
    pecuniary = serializers.BooleanField()
    nature = serializers.CharField()


class LatePublicationSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    kind = serializers.CharField()
    published_at = serializers.DateTimeField()
    reason = serializers.CharField(
        help_text="Why this version was published inside five clear working days of the meeting "
        "(LGA 1972 s.100B(4)(b): the special circumstances)."
    )
    items = serializers.ListField(
        child=serializers.CharField(), help_text="The late items of a supplementary agenda."
    )


class AgendaSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    kind = serializers.CharField()
    published_at = serializers.DateTimeField()
    late_publications = LatePublicationSerializer(many=True)
    items = AgendaItemSerializer(many=True)


class MinutesSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    kind = serializers.CharField()
    published_at = serializers.DateTimeField()
    rose_at = serializers.CharField(allow_null=True)
    late_publications = LatePublicationSerializer(many=True, required=False, default=list)
    attendance = AttendanceSerializer(many=True)
    declarations = DeclarationSerializer(many=True)
    items = MinutesItemSerializer(many=True)


class MeetingDetailSerializer(serializers.Serializer):
    meeting = MeetingSerializer()
    agenda = AgendaSerializer(allow_null=True)
    minutes = MinutesSerializer(allow_null=True)


# Input shapes for the clerk's writes: parsing only; the services decide.


class MeetingCreateSerializer(serializers.Serializer):
    body = serializers.SlugField()
    start = serializers.DateTimeField()
    venue = serializers.CharField(max_length=300)
    webcast_url = serializers.URLField(required=False, allow_blank=True, default="")
    previous = serializers.SlugField(required=False, allow_blank=True, default="")

    def validate_body(self, value: str) -> Body:
        body = self.context["bodies"].filter(slug=value).first()
        if body is None:
            raise serializers.ValidationError("No body of this panel has that slug.")
        return body

    def validate_previous(self, value: str) -> Meeting | None:
        if not value:
            return None
        meeting = self.context["meetings"].filter(slug=value).first()
        if meeting is None:
            raise serializers.ValidationError("No meeting of this panel has that slug.")
        return meeting


class ItemCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    access = serializers.ChoiceField(choices=Access.choices)
    exempt_paragraph = serializers.IntegerField(required=False, allow_null=True, default=None)
    public_interest = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The agenda version you edited, to detect clashes.",
    )


class PublishSerializer(serializers.Serializer):
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")
    change_note = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True, help_text="Why the item is withdrawn: published with the revision."
    )
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class WithdrawnItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    withdrawn_reason = serializers.CharField(help_text="Empty when the item is on the agenda.")


class ReportWriteSerializer(serializers.Serializer):
    recommendations = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    body = serializers.CharField(required=False, allow_blank=True, default="")
    body_format = serializers.ChoiceField(choices=["markdown", "html"], default="markdown")
    author = serializers.CharField(required=False, allow_blank=True, default="")
    author_contact = serializers.CharField(required=False, allow_blank=True, default="")
    head_of_service = serializers.CharField(required=False, allow_blank=True, default="")
    strategic_director = serializers.CharField(required=False, allow_blank=True, default="")
    background_papers = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class ItemCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    access = serializers.ChoiceField(choices=Access.choices)
    paragraph = serializers.IntegerField(allow_null=True)
    agenda_edit_version = serializers.IntegerField(
        help_text="The agenda's edit version now: send it with your next change."
    )


class AppendixCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter = serializers.CharField()
    title = serializers.CharField()
    access = serializers.ChoiceField(choices=Access.choices)
    paragraph = serializers.IntegerField(allow_null=True)


class AppendixWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    access = serializers.ChoiceField(choices=Access.choices)
    exempt_paragraph = serializers.IntegerField(required=False, allow_null=True, default=None)
    public_interest = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True, default=None)
    text = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_field(OpenApiTypes.STR)
class PersonSlugField(serializers.Field):
    """A person of the request's panel, named by slug; another panel's person is refused."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise serializers.ValidationError("Give a person's slug.")
        person = self.context["people"].filter(slug=data).first()
        if person is None:
            raise serializers.ValidationError("No person of this panel has that slug.")
        return person

    def to_representation(self, value: Any) -> str:
        return value.slug if hasattr(value, "slug") else str(value)


class AttendanceWriteSerializer(serializers.Serializer):
    person = PersonSlugField()
    status = serializers.ChoiceField(
        choices=["present", "apologies", "substitute", "in_attendance", "public"]
    )
    substitute_for = PersonSlugField(required=False, allow_null=True, default=None)
    capacity = serializers.CharField(required=False, allow_blank=True, default="")


class DeclarationWriteSerializer(serializers.Serializer):
    person = PersonSlugField()
    item = serializers.IntegerField(required=False, allow_null=True, default=None)
    item_text = serializers.CharField(required=False, allow_blank=True, default="")
    pecuniary = serializers.BooleanField()
    nature = serializers.CharField()


class MinuteWriteSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    resolutions = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)
