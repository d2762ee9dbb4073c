"""One panel's public record as OParl 1.1 objects.

Everything here is read as the public reads it: meetings through ``meetings.access`` (a meeting's
facts; its published agenda projected for the anonymous reader by ``agenda_for``; nothing of a
meeting whose papers are archived), decisions through ``decisions.access`` (the register). No
role is looked at here: the apps' rules are asked with ``panel.access.PUBLIC``.

Timestamps (``created``, ``modified``): a panel body, person or membership from its change
history (first and last history row); a meeting from its history and its published agenda and
minutes versions; an agenda item, a report (Paper) and a consultation from the agenda versions
that carried it (the first and the latest publication); a stored file from its upload and the
latest publication; the agenda pack from when it was made; a decision from its history. What
belongs to a meeting is modified no earlier than the meeting's own last change (its papers
restored after archiving come back as changed).

Deleted objects are served as tombstones (``deleted: true``), from records the project keeps
already: a body, person, membership or meeting deleted (in the admin) from its history's
deletion row; a report, its consultation and the public files of an item that a later
published agenda dropped (removed, made exempt, renumbered) from the agenda versions; every
paper and file of a meeting whose papers were archived, from ``papers_archived_at``; a
decision withdrawn after it was numbered from the register.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.urls import reverse

from decisions import access as decision_access
from decisions.models import Decision, DecisionAttachment
from documents.models import StoredFile
from meetings import access as meeting_access
from meetings import packs
from meetings.converters import ItemNumberConverter
from meetings.models import AgendaVersion, Meeting, MinutesVersion
from panel import years
from panel.access import PUBLIC
from panel.models import Body, Membership, Panel, Person
from statutory import access as statutory_access
from statutory.models import CaseDocument, PanelReport, StatutoryCase

from .stamps import Stamps, deleted, history_stamps, iso

OPARL = "https://schema.oparl.org/1.1/"
Obj = dict[str, Any]
KINDS = (
    "organizations",
    "people",
    "memberships",
    "meetings",
    "papers",
    "files",
    "legislative-terms",
    "locations",
)
_ITEMNO = ItemNumberConverter()


def item_key(number: str) -> str:
    return _ITEMNO.to_url(number)


def _sha512(key: str, read: Callable[[], bytes]) -> str:
    """A file's SHA-512, kept in the cache under a key that names its content (a stored file's
    SHA-256; a pack's row, file name, time and size): the bytes behind a key never change."""
    found = cache.get(key)
    if found is None:
        found = hashlib.sha512(read()).hexdigest()
        cache.set(key, found, None)
    return str(found)


def _read(field: Any) -> Callable[[], bytes]:
    def read() -> bytes:
        with field.open("rb") as handle:
            return bytes(handle.read())

    return read


class PublicRecord:
    def __init__(self, panel: Panel, absolute: Callable[[str], str]) -> None:
        self.panel = panel
        self.absolute = absolute

    # --- addresses ------------------------------------------------------------------------

    def url(self, name: str, **kwargs: str) -> str:
        return self.absolute(
            reverse(f"oparl:{name}", kwargs={"panel_slug": self.panel.slug, **kwargs})
        )

    def web(self, name: str, **kwargs: str) -> str:
        return self.absolute(reverse(name, kwargs={"panel_slug": self.panel.slug, **kwargs}))

    def _stamped(self, obj: Obj, created: dt.datetime | None, modified: dt.datetime | None) -> Obj:
        return {**obj, "created": iso(created), "modified": iso(modified or created)}

    def _tombstone(self, url: str, kind: str, stamps: tuple[Any, Any]) -> Obj:
        obj: Obj = {"id": url, "type": OPARL + kind, "deleted": True}
        if kind == "File":
            obj["accessUrl"] = url  # the schema asks for one even of a deleted file: its own
        return self._stamped(obj, *stamps)

    def _gone(self, model: Any, key: str, url: Callable[[str], str], kind: str) -> list[Obj]:
        stamps = history_stamps(model, self.panel.pk)
        rows = deleted(model, self.panel.pk, key)
        live = set(model.objects.for_panel(self.panel).values_list(key, flat=True))
        return [
            self._tombstone(url(value), kind, stamps[pk])
            for pk, value in rows
            if value not in {str(v) for v in live}
        ]

    # --- the panel -----------------------------------------------------------------------

    @cached_property
    def bodies(self) -> list[Body]:
        return list(Body.objects.for_panel(self.panel).order_by("pk"))

    @cached_property
    def body_stamps(self) -> Stamps:
        return history_stamps(Body, self.panel.pk)

    def body(self) -> Obj:
        main = next((b for b in self.bodies if b.kind == Body.Kind.PANEL), None)
        created, modified = self.body_stamps.get(main.pk, (None, None)) if main else (None, None)
        obj = {
            "id": self.absolute(reverse("oparl:body", kwargs={"panel_slug": self.panel.slug})),
            "type": OPARL + "Body",
            "system": self.absolute(reverse("oparl:system")),
            "name": self.panel.name,
            "shortName": self.panel.slug,
            "website": self.web("panel:home"),
            "classification": "Police and Crime Panel",
            "organization": self.url("list", kind="organizations"),
            "person": self.url("list", kind="people"),
            "membership": self.url("list", kind="memberships"),
            "meeting": self.url("list", kind="meetings"),
            "paper": self.url("list", kind="papers"),
            "file": self.url("list", kind="files"),
            "locationList": self.url("list", kind="locations"),
            "legislativeTermList": self.url("list", kind="legislative-terms"),
            "legislativeTerm": self.legislative_terms(),
            "web": self.web("panel:home"),
        }
        if main is not None:
            obj["mainOrganization"] = self.url("organization", body_slug=main.slug)
        if self.panel.contact_email:
            obj["contactEmail"] = self.panel.contact_email
        if self.panel.contact_name:
            obj["contactName"] = self.panel.contact_name
        return self._stamped(obj, created, modified)

    def organizations(self) -> list[Obj]:
        by_body: dict[int, list[str]] = {}
        for m in self.membership_rows:
            by_body.setdefault(m.body_id, []).append(
                self.url("membership", membership_id=str(m.pk))
            )
        gone = self._gone(
            Body, "slug", lambda slug: self.url("organization", body_slug=slug), "Organization"
        )
        return [self._organization(b, by_body.get(b.pk, [])) for b in self.bodies] + gone

    def _organization(self, body: Body, memberships: list[str]) -> Obj:
        obj: Obj = {
            "id": self.url("organization", body_slug=body.slug),
            "type": OPARL + "Organization",
            "body": self.url("body"),
            "name": body.name,
            "shortName": body.slug,
            "organizationType": "Gremium",
            "classification": body.get_kind_display(),
            "membership": memberships,
            "web": self.web("panel:body", body_slug=body.slug),
        }
        if body.established_on:
            obj["startDate"] = body.established_on.isoformat()
        if body.ends_on:
            obj["endDate"] = body.ends_on.isoformat()
        return self._stamped(obj, *self.body_stamps.get(body.pk, (None, None)))

    @cached_property
    def membership_rows(self) -> list[Membership]:
        return list(
            Membership.objects.for_panel(self.panel).select_related("body", "person").order_by("pk")
        )

    def memberships(self) -> list[Obj]:
        stamps = history_stamps(Membership, self.panel.pk)
        gone = self._gone(
            Membership, "id", lambda pk: self.url("membership", membership_id=pk), "Membership"
        )
        return [self._membership(m, stamps) for m in self.membership_rows] + gone

    def _membership(self, m: Membership, stamps: Stamps) -> Obj:
        obj: Obj = {
            "id": self.url("membership", membership_id=str(m.pk)),
            "type": OPARL + "Membership",
            "person": self.url("person", person_slug=m.person.slug),
            "organization": self.url("organization", body_slug=m.body.slug),
            "role": m.get_role_display(),
            "startDate": m.start_date.isoformat(),
        }
        if m.end_date:
            obj["endDate"] = m.end_date.isoformat()
        return self._stamped(obj, *stamps.get(m.pk, (None, None)))

    def people(self) -> list[Obj]:
        stamps = history_stamps(Person, self.panel.pk)
        mstamps = history_stamps(Membership, self.panel.pk)
        seats: dict[int, list[Obj]] = {}
        for m in self.membership_rows:
            seats.setdefault(m.person_id, []).append(self._membership(m, mstamps))
        people = Person.objects.for_panel(self.panel).order_by("pk")
        gone = self._gone(
            Person, "slug", lambda slug: self.url("person", person_slug=slug), "Person"
        )
        return [self._person(p, seats.get(p.pk, []), stamps) for p in people] + gone

    def _person(self, person: Person, seats: list[Obj], stamps: Stamps) -> Obj:
        obj: Obj = {
            "id": self.url("person", person_slug=person.slug),
            "type": OPARL + "Person",
            "body": self.url("body"),
            "name": person.display_name,
            "membership": seats,
            "web": self.web("panel:person", person_slug=person.slug),
        }
        if person.title:
            obj["formOfAddress"] = person.title
        return self._stamped(obj, *stamps.get(person.pk, (None, None)))

    # --- municipal years -----------------------------------------------------------------

    def legislative_terms(self) -> list[Obj]:
        """One term per municipal year that has a meeting: a term never changes once its first
        meeting is scheduled, so it is as old as that meeting's record."""
        first: dict[str, dt.datetime] = {}
        for meeting in self.meetings_rows:
            year = years.municipal_year(meeting.start.date())
            created = self.meeting_stamps.get(meeting.pk, (meeting.start, meeting.start))[0]
            first[year] = min(first.get(year, created), created)
        spans = {year: years.bounds(year) for year in first}
        return [self._term(y, first[y], span) for y, span in sorted(spans.items()) if span]

    def _term(self, year: str, created: dt.datetime, span: tuple[dt.date, dt.date]) -> Obj:
        start, end = span
        return self._stamped(
            {
                "id": self.url("legislative-term", year=year.replace("/", "-")),
                "type": OPARL + "LegislativeTerm",
                "body": self.url("body"),
                "name": year,
                "startDate": start.isoformat(),
                "endDate": end.isoformat(),
            },
            created,
            created,
        )

    # --- meetings ------------------------------------------------------------------------

    @cached_property
    def meetings_rows(self) -> list[Meeting]:
        rows = list(
            meeting_access.visible_meetings(PUBLIC, self.panel)
            .select_related("body")
            .order_by("pk")
        )
        for row in rows:
            row.panel = self.panel
        return rows

    @cached_property
    def agenda_versions(self) -> dict[int, list[AgendaVersion]]:
        found: dict[int, list[AgendaVersion]] = {}
        versions = AgendaVersion.objects.for_panel(self.panel).order_by("number")
        for version in versions:
            version.panel = self.panel
            found.setdefault(version.meeting_id, []).append(version)
        return found

    @cached_property
    def meeting_history(self) -> Stamps:
        return history_stamps(Meeting, self.panel.pk)

    def _since(self, meeting: Meeting, moment: dt.datetime) -> dt.datetime:
        """What a meeting holds changes when the meeting does (its papers archived, restored)."""
        changed = self.meeting_history.get(meeting.pk, (moment, moment))[1]
        return max(moment, changed)

    @cached_property
    def meeting_stamps(self) -> Stamps:
        stamps = dict(self.meeting_history)
        published = MinutesVersion.objects.for_panel(self.panel).values_list(
            "meeting_id", "published_at"
        )
        moments: list[tuple[int, dt.datetime]] = list(published)
        for meeting_id, versions in self.agenda_versions.items():
            moments += [(meeting_id, v.published_at) for v in versions]
        for meeting_id, moment in moments:
            created, modified = stamps.get(meeting_id, (moment, moment))
            stamps[meeting_id] = (min(created, moment), max(modified, moment))
        return stamps

    @cached_property
    def agendas(self) -> dict[int, tuple[AgendaVersion, Obj]]:
        """Each meeting's published agenda as the public reads it, if its papers are open."""
        found = {}
        for meeting in self.meetings_rows:
            versions = self.agenda_versions.get(meeting.pk)
            if not versions or not meeting_access.papers_open(PUBLIC, meeting):
                continue
            agenda = meeting_access.agenda_for(PUBLIC, versions[-1])
            if agenda is not None:
                found[meeting.pk] = (versions[-1], agenda)
        return found

    def meetings(self) -> list[Obj]:
        gone = self._gone(Meeting, "slug", lambda s: self.url("meeting", meeting_slug=s), "Meeting")
        return [self._meeting(m) for m in self.meetings_rows] + gone

    def _meeting(self, meeting: Meeting) -> Obj:
        key = {"meeting_slug": meeting.slug}
        obj: Obj = {
            "id": self.url("meeting", **key),
            "type": OPARL + "Meeting",
            "name": str(meeting),
            "meetingState": meeting.get_status_display(),
            "cancelled": meeting.is_cancelled,
            "start": meeting.start.isoformat(),
            "location": self._location(meeting),
            "organization": [self.url("organization", body_slug=meeting.body.slug)],
            "web": self.web("meetings:meeting", **key),
        }
        if meeting.pk in self.agendas:
            obj["agendaItem"] = self._items(meeting)
            pack = self._pack(meeting)
            if pack is not None:
                obj["invitation"] = pack
        minutes = self._minutes(meeting)
        if minutes is not None:
            obj["resultsProtocol"] = minutes
        return self._stamped(obj, *self.meeting_stamps.get(meeting.pk, (None, None)))

    @cached_property
    def minutes_versions(self) -> dict[int, list[MinutesVersion]]:
        found: dict[int, list[MinutesVersion]] = {}
        versions = MinutesVersion.objects.for_panel(self.panel).order_by("number")
        for version in versions.only("pk", "meeting_id", "number", "published_at"):
            found.setdefault(version.meeting_id, []).append(version)
        return found

    def _minutes(self, meeting: Meeting) -> Obj | None:
        """The published minutes (their latest version's page, as the public reads it: exempt
        business by its number and title), while the meeting's papers are open."""
        versions = self.minutes_versions.get(meeting.pk)
        if not versions or not meeting_access.papers_open(PUBLIC, meeting):
            return None
        latest = versions[-1]
        page = self.web(
            "meetings:minutes-version", meeting_slug=meeting.slug, number=str(latest.number)
        )
        obj = {
            "id": self.url("minutes-file", meeting_slug=meeting.slug),
            "type": OPARL + "File",
            "name": f"Minutes: {meeting}",
            "fileName": f"{self.panel.slug}-{meeting.slug}-minutes.html",
            "mimeType": "text/html",
            "date": latest.published_at.date().isoformat(),
            "accessUrl": page,
            "meeting": [self.url("meeting", meeting_slug=meeting.slug)],
        }
        modified = self._since(meeting, latest.published_at)
        return self._stamped(obj, versions[0].published_at, modified)

    def locations(self) -> list[Obj]:
        gone = self._gone(
            Meeting, "slug", lambda s: self.url("location", meeting_slug=s), "Location"
        )
        return [self._location(m) for m in self.meetings_rows] + gone

    def _location(self, meeting: Meeting) -> Obj:
        return self._stamped(
            {
                "id": self.url("location", meeting_slug=meeting.slug),
                "type": OPARL + "Location",
                "description": meeting.venue,
                "bodies": [self.url("body")],
                "meetings": [self.url("meeting", meeting_slug=meeting.slug)],
            },
            *self.meeting_stamps.get(meeting.pk, (None, None)),
        )

    # --- agenda items, their papers and files --------------------------------------------

    def _first_published(self, meeting: Meeting) -> dict[int, dt.datetime]:
        """When each item (by id) first appeared on a published agenda of the meeting."""
        first: dict[int, dt.datetime] = {}
        for version in self.agenda_versions.get(meeting.pk, []):
            for item in version.content["items"]:
                first.setdefault(item["id"], version.published_at)
        return first

    def _items(self, meeting: Meeting) -> list[Obj]:
        version, agenda = self.agendas[meeting.pk]
        first = self._first_published(meeting)
        return [
            self._item(meeting, version, item, order, first.get(item["id"]))
            for order, item in enumerate(agenda["items"], start=1)
        ]

    def _item(
        self,
        meeting: Meeting,
        version: AgendaVersion,
        item: Obj,
        order: int,
        created: dt.datetime | None,
    ) -> Obj:
        key = {"meeting_slug": meeting.slug, "number": item_key(item["number"])}
        obj: Obj = {
            "id": self.url("agenda-item", **key),
            "type": OPARL + "AgendaItem",
            "meeting": self.url("meeting", meeting_slug=meeting.slug),
            "number": item["number"],
            "order": order,
            "name": item["title"],
            "public": not item["restricted"],
        }
        if item["restricted"]:
            # As the public page shows it: the number, the title and the paragraph of
            # Schedule 12A to the Local Government Act 1972 that makes it exempt.
            obj["keyword"] = [f"exempt: Schedule 12A paragraph {item['paragraph']}"]
            return self._stamped(obj, created, self._since(meeting, version.published_at))
        if item["kind"] != "heading":
            obj["web"] = self.web("meetings:item", **key)
        files = self._item_files(meeting, version, item)
        if files:
            obj["auxiliaryFile"] = files
        if item.get("report") is not None:
            obj["consultation"] = self.url("consultation", **key)
        return self._stamped(obj, created, self._since(meeting, version.published_at))

    def _item_files(self, meeting: Meeting, version: AgendaVersion, item: Obj) -> list[Obj]:
        return [
            self._appendix_file(meeting, version, item, appendix)
            for appendix in item["appendices"]
            if not appendix["restricted"] and appendix.get("file")
        ]

    @cached_property
    def stored_files(self) -> dict[int, StoredFile]:
        ids = {
            a["file"]["id"]
            for _, agenda in self.agendas.values()
            for i in agenda["items"]
            for a in i["appendices"]
            if a.get("file") and not a["restricted"]
        }
        return {f.pk: f for f in StoredFile.objects.for_panel(self.panel).filter(pk__in=ids)}

    def _appendix_file(
        self, meeting: Meeting, version: AgendaVersion, item: Obj, appendix: Obj
    ) -> Obj:
        key = {"meeting_slug": meeting.slug, "number": item_key(item["number"])}
        stored = self.stored_files[appendix["file"]["id"]]
        download = self.web("meetings:file", meeting_slug=meeting.slug, file_id=str(stored.pk))
        obj = {
            "id": self.url("appendix-file", letter=appendix["letter"], **key),
            "type": OPARL + "File",
            "name": f"Appendix {appendix['letter']}: {appendix['title']}",
            "fileName": stored.name,
            "mimeType": "application/pdf",
            "size": stored.size,
            "sha512Checksum": _sha512(f"oparl:sha512:{stored.sha256}", _read(stored.file)),
            "accessUrl": download,
            "downloadUrl": download,
            "meeting": [self.url("meeting", meeting_slug=meeting.slug)],
            "agendaItem": [self.url("agenda-item", **key)],
        }
        modified = max(stored.uploaded_at, self._since(meeting, version.published_at))
        return self._stamped(obj, stored.uploaded_at, modified)

    def _pack(self, meeting: Meeting) -> Obj | None:
        if not meeting_access.can_download_pack(PUBLIC, meeting, "public"):
            return None
        served = packs.latest_pack(meeting, "public")["served"]
        if served is None:
            return None
        download = self.web("meetings:pack", meeting_slug=meeting.slug, audience="public")
        made = served.finished_at or served.created_at
        obj = {
            "id": self.url("pack-file", meeting_slug=meeting.slug),
            "type": OPARL + "File",
            "name": f"Agenda pack: {meeting}",
            "fileName": f"{self.panel.slug}-{meeting.slug}-public-pack.pdf",
            "mimeType": "application/pdf",
            "size": served.file.size,
            "sha512Checksum": _sha512(
                f"oparl:sha512:pack:{served.pk}:{served.file.name}:{iso(made)}:{served.file.size}",
                _read(served.file),
            ),
            "accessUrl": download,
            "downloadUrl": download,
            "meeting": [self.url("meeting", meeting_slug=meeting.slug)],
        }
        return self._stamped(obj, made, made)

    def files(self) -> list[Obj]:
        found = []
        for meeting in self.meetings_rows:
            minutes = self._minutes(meeting)
            if minutes is not None:
                found.append(minutes)
            if meeting.pk not in self.agendas:
                continue
            for item in self._items(meeting):
                found += item.get("auxiliaryFile", [])
            pack = self._pack(meeting)
            if pack is not None:
                found.append(pack)
        found += [f for d in self.decision_papers for f in d.get("auxiliaryFile", [])]
        found += [f for _, files in self.case_files.values() for f in files]
        return found + self._dropped("File") + self.decision_files_gone + self.case_files_gone

    def agenda_items(self) -> list[Obj]:
        return [i for m in self.meetings_rows if m.pk in self.agendas for i in self._items(m)]

    # --- papers: reports and the Commissioner's decisions -----------------------------------

    def papers(self) -> list[Obj]:
        found = self._reports() + self.decision_papers + self._statutory_reports()
        return found + self._dropped("Paper")

    def consultations(self) -> list[Obj]:
        served = [c for paper in self._reports() for c in paper.get("consultation", [])]
        return served + self._dropped("Consultation")

    def _served(self, meeting: Meeting, agenda: Obj) -> Iterable[tuple[str, str]]:
        """The URLs (and types) of what a published agenda gives the public to read."""
        for item in agenda["items"]:
            if item["restricted"]:
                continue
            key = {"meeting_slug": meeting.slug, "number": item_key(item["number"])}
            if item.get("report") is not None:
                yield self.url("report", **key), "Paper"
                yield self.url("consultation", **key), "Consultation"
            for a in item["appendices"]:
                if not a["restricted"] and a.get("file"):
                    yield self.url("appendix-file", letter=a["letter"], **key), "File"

    @cached_property
    def dropped(self) -> list[Obj]:
        """Tombstones of what a meeting's published agendas once served and serve no more: gone
        with the version that dropped it, or, for a meeting whose papers are archived, with
        the archiving."""
        found = []
        for meeting in self.meetings_rows:
            versions = self.agenda_versions.get(meeting.pk, [])
            now = (
                {url for url, _ in self._served(meeting, self.agendas[meeting.pk][1])}
                if (meeting.pk in self.agendas)
                else set()
            )
            seen: dict[str, tuple[str, dt.datetime, int]] = {}
            for n, version in enumerate(versions):
                agenda = meeting_access.agenda_for(PUBLIC, version) or {"items": []}
                for url, kind in self._served(meeting, agenda):
                    first = seen.get(url, (kind, version.published_at, n))[1]
                    seen[url] = (kind, first, n)
            for url, (kind, first, last) in seen.items():
                if url in now:
                    continue
                gone = (
                    versions[last + 1].published_at
                    if last + 1 < len(versions)
                    else meeting.papers_archived_at or versions[last].published_at
                )
                found.append(self._tombstone(url, kind, (first, gone)))
            found += self._archived_pack(meeting)
        return found

    def _archived_pack(self, meeting: Meeting) -> list[Obj]:
        if meeting.papers_archived_at is None or meeting_access.papers_open(PUBLIC, meeting):
            return []
        gone = []
        versions = self.minutes_versions.get(meeting.pk)
        if versions:
            url = self.url("minutes-file", meeting_slug=meeting.slug)
            moments = (versions[0].published_at, meeting.papers_archived_at)
            gone.append(self._tombstone(url, "File", moments))
        served = packs.latest_pack(meeting, "public")["served"]
        if served is None:
            return gone
        made = served.finished_at or served.created_at
        url = self.url("pack-file", meeting_slug=meeting.slug)
        return [*gone, self._tombstone(url, "File", (made, meeting.papers_archived_at))]

    def _dropped(self, kind: str) -> list[Obj]:
        return [o for o in self.dropped if o["type"] == OPARL + kind]

    def _reports(self) -> list[Obj]:
        found = []
        for meeting in self.meetings_rows:
            if meeting.pk not in self.agendas:
                continue
            version, agenda = self.agendas[meeting.pk]
            first = self._first_published(meeting)
            for item in agenda["items"]:
                if not item["restricted"] and item.get("report") is not None:
                    found.append(self._report(meeting, version, item, first.get(item["id"])))
        return found

    def _report(
        self, meeting: Meeting, version: AgendaVersion, item: Obj, created: dt.datetime | None
    ) -> Obj:
        key = {"meeting_slug": meeting.slug, "number": item_key(item["number"])}
        paper_url = self.url("report", **key)
        consultation = self._stamped(
            {
                "id": self.url("consultation", **key),
                "type": OPARL + "Consultation",
                "paper": paper_url,
                "agendaItem": self.url("agenda-item", **key),
                "meeting": self.url("meeting", meeting_slug=meeting.slug),
                "organization": [self.url("organization", body_slug=meeting.body.slug)],
                "authoritative": False,
            },
            created,
            self._since(meeting, version.published_at),
        )
        obj: Obj = {
            "id": paper_url,
            "type": OPARL + "Paper",
            "body": self.url("body"),
            "name": item["title"],
            "reference": f"{meeting.slug} item {item['number']}",
            "date": meeting.start.date().isoformat(),
            "paperType": "Report",
            "consultation": [consultation],
            "web": self.web("meetings:item", **key),
        }
        files = self._item_files(meeting, version, item)
        if files:
            obj["auxiliaryFile"] = files
        return self._stamped(obj, created, self._since(meeting, version.published_at))

    @cached_property
    def decision_rows(self) -> list[tuple[Decision, Obj]]:
        """The register as the public reads it: each decision and its public view."""
        register = decision_access.visible_decisions(PUBLIC, self.panel).order_by("number")
        rows = []
        for decision in register.prefetch_related("corrections", "attachments__stored_file"):
            decision.panel = self.panel
            rows.append((decision, decision_access.decision_for(PUBLIC, decision)))
        return rows

    @cached_property
    def decision_papers(self) -> list[Obj]:
        stamps = history_stamps(Decision, self.panel.pk)
        files = history_stamps(DecisionAttachment, self.panel.pk)
        return [self._decision(d, view, stamps, files) for d, view in self.decision_rows]

    @cached_property
    def decision_files_gone(self) -> list[Obj]:
        """Tombstones of the files a decision once served the public and serves no more: made
        exempt or removed, or with the decision withdrawn."""
        served = {
            a.pk
            for _, view in self.decision_rows
            if not view["tombstone"]
            for a in view["attachments"]
        }
        numbers = {d.pk: d.number for d, _ in self.decision_rows}
        stamps = history_stamps(Decision, self.panel.pk)
        rows = DecisionAttachment.history.filter(
            panel_id=self.panel.pk, access="public", decision_id__in=list(numbers)
        ).values_list("id", "decision_id", "stored_file_id", "history_date")
        gone: dict[str, tuple[dt.datetime, dt.datetime]] = {}
        for pk, decision_id, file_id, moment in rows:
            if pk in served:
                continue
            url = self.url("decision-file", number=str(numbers[decision_id]), file_id=str(file_id))
            last = stamps.get(decision_id, (moment, moment))[1]
            first = gone.get(url, (moment, last))[0]
            gone[url] = (min(first, moment), max(last, moment))
        return [self._tombstone(url, "File", moments) for url, moments in gone.items()]

    def _decision(self, decision: Decision, view: Obj, stamps: Stamps, files: Stamps) -> Obj:
        number = str(view["number"])
        base: Obj = {"id": self.url("decision", number=number), "type": OPARL + "Paper"}
        created, modified = stamps.get(decision.pk, (None, None))
        if view["tombstone"]:
            # Withdrawn before publication: the register keeps its number; OParl, a tombstone.
            return self._stamped({**base, "deleted": True}, created, modified)
        obj: Obj = {
            **base,
            "body": self.url("body"),
            "name": view["title"],
            "reference": f"{self.panel.decision_prefix} {view['number']:04d}",
            "paperType": "Decision of the Police and Crime Commissioner",
            "web": self.web("decisions:decision", number=number),
        }
        if view["published_at"]:
            obj["date"] = view["published_at"].date().isoformat()
        attached = [self._decision_file(number, a, modified, files) for a in view["attachments"]]
        if attached:
            obj["auxiliaryFile"] = attached
        return self._stamped(obj, created, modified)

    def _decision_file(
        self, number: str, attachment: DecisionAttachment, published: Any, files: Stamps
    ) -> Obj:
        """An attachment the public may read (``decision_for`` gave it to the public)."""
        stored = attachment.stored_file
        download = self.web("decisions:decision-file", number=number, file_id=str(stored.pk))
        obj = {
            "id": self.url("decision-file", number=number, file_id=str(stored.pk)),
            "type": OPARL + "File",
            "name": attachment.title,
            "fileName": stored.name,
            "mimeType": "application/pdf",
            "size": stored.size,
            "sha512Checksum": _sha512(f"oparl:sha512:{stored.sha256}", _read(stored.file)),
            "accessUrl": download,
            "downloadUrl": download,
            "paper": [self.url("decision", number=number)],
        }
        changed = files.get(attachment.pk, (stored.uploaded_at, stored.uploaded_at))[1]
        modified = max(m for m in (changed, published, stored.uploaded_at) if m is not None)
        return self._stamped(obj, stored.uploaded_at, modified)

    @cached_property
    def case_rows(self) -> list[tuple[StatutoryCase, Obj]]:
        """The reports register as the public reads it: each case and its public view."""
        cases = statutory_access.visible_cases(PUBLIC, self.panel).order_by("number")
        rows = []
        for case in cases:
            case.panel = self.panel
            rows.append((case, statutory_access.case_for(PUBLIC, case)))
        return rows

    def _statutory_reports(self) -> list[Obj]:
        """The panel's own published reports on the Commissioner's proposals (the precept,
        appointments): what the reports register shows the public of each case."""
        stamps = history_stamps(PanelReport, self.panel.pk)
        found = []
        for case, view in self.case_rows:
            files = self.case_files[case.pk][1]
            for report in view["reports"]:
                if report["published"]:
                    found.append(self._statutory_report(view, report, stamps, files))
        return found

    @cached_property
    def case_files(self) -> dict[int, tuple[list[str], list[Obj]]]:
        """Each case's published reports (their URLs) and the documents the public may read
        (``case_for`` as the public gives only the public ones), as Files."""
        stamps = history_stamps(CaseDocument, self.panel.pk)
        found = {}
        for case, view in self.case_rows:
            number = str(view["number"])
            papers = [
                self.url("statutory-report", number=number, stage=r["stage"])
                for r in view["reports"]
                if r["published"]
            ]
            stored = {d.pk: d for d in case.documents.all()}
            files = [
                self._case_file(number, stored[d["pk"]], papers, stamps)
                for d in view["documents"]
                if d["pk"] in stored and d["access"] == "public"
            ]
            found[case.pk] = (papers, files)
        return found

    def _case_file(
        self, number: str, document: CaseDocument, papers: list[str], stamps: Stamps
    ) -> Obj:
        stored = document.stored_file
        key = {"number": number, "document_id": str(document.pk)}
        download = self.web("statutory:case-document", **key)
        obj: Obj = {
            "id": self.url("case-document", **key),
            "type": OPARL + "File",
            "name": document.title,
            "fileName": stored.name,
            "mimeType": "application/pdf",
            "size": stored.size,
            "sha512Checksum": _sha512(f"oparl:sha512:{stored.sha256}", _read(stored.file)),
            "accessUrl": download,
            "downloadUrl": download,
        }
        if papers:
            obj["paper"] = papers
        created, modified = stamps.get(document.pk, (document.added_at, document.added_at))
        return self._stamped(obj, created, modified)

    @cached_property
    def case_files_gone(self) -> list[Obj]:
        """Tombstones of documents once public and no longer (made exempt, or removed)."""
        served = {f["id"] for _, files in self.case_files.values() for f in files}
        numbers = {case.pk: case.number for case, _ in self.case_rows}
        rows = CaseDocument.history.filter(
            panel_id=self.panel.pk, access="public", case_id__in=list(numbers)
        ).values_list("id", "case_id", "history_date")
        stamps = history_stamps(CaseDocument, self.panel.pk)
        gone = {}
        for pk, case_id, moment in rows:
            key = {"number": str(numbers[case_id]), "document_id": str(pk)}
            url = self.url("case-document", **key)
            if url not in served:
                gone[url] = stamps.get(pk, (moment, moment))
        return [self._tombstone(url, "File", moments) for url, moments in gone.items()]

    def _statutory_report(self, case: Obj, report: Obj, stamps: Stamps, files: list[Obj]) -> Obj:
        number = str(case["number"])
        obj: Obj = {
            "id": self.url("statutory-report", number=number, stage=report["stage"]),
            "type": OPARL + "Paper",
            "body": self.url("body"),
            "name": f"{report['stage_label']}: {case['title']}",
            "reference": f"Case {number}",
            "date": report["made_on"].isoformat(),
            "paperType": "Report of the Police and Crime Panel",
            "web": self.web("statutory:case", number=number),
        }
        if files:
            obj["auxiliaryFile"] = files
        published = report["published_at"]
        created, modified = stamps.get(report["pk"], (published, published))
        return self._stamped(obj, created, modified)

    # --- lookups ---------------------------------------------------------------------------

    def listing(self, kind: str) -> list[Obj]:
        build: dict[str, Callable[[], list[Obj]]] = {
            "organizations": self.organizations,
            "people": self.people,
            "memberships": self.memberships,
            "meetings": self.meetings,
            "papers": self.papers,
            "files": self.files,
            "legislative-terms": self.legislative_terms,
            "locations": self.locations,
            "agenda-items": self.agenda_items,
            "consultations": self.consultations,
        }
        return build[kind]()
