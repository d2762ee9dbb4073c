from __future__ import annotations

from rest_framework import serializers

from . import access
from .models import Authority, Body, Membership, Panel, Person


class PanelSerializer(serializers.ModelSerializer[Panel]):
    class Meta:
        model = Panel
        fields = [
            "slug",
            "name",
            "police_area",
            "jurisdiction",
            "decision_prefix",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "address",
            "is_demo",
        ]


class AuthoritySerializer(serializers.ModelSerializer[Authority]):
    class Meta:
        model = Authority
        fields = ["slug", "name", "kind"]


class BodySerializer(serializers.ModelSerializer[Body]):
    class Meta:
        model = Body
        fields = [
            "slug",
            "name",
            "kind",
            "rationale",
            "role_and_objectives",
            "information_needed",
            "indicators_of_success",
            "frequency",
            "established_on",
            "scope",
            "ends_on",
        ]


class PersonSerializer(serializers.ModelSerializer[Person]):
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["slug", "title", "name", "job_title", "organisation", "email", "phone"]

    def _contact(self, person: Person, field: str) -> str | None:
        user = self.context["request"].user
        return getattr(person, field) if access.can_view_contact_details(user, person) else None

    def get_email(self, person: Person) -> str | None:
        return self._contact(person, "email")

    def get_phone(self, person: Person) -> str | None:
        return self._contact(person, "phone")


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    body: serializers.SlugRelatedField[Body] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    person: serializers.SlugRelatedField[Person] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    authority: serializers.SlugRelatedField[Authority] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Membership
        fields = ["id", "body", "person", "role", "authority", "co_opted", "start_date", "end_date"]
