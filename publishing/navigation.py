"""The panel's menu (GOV.UK's service navigation) and its "More" page.

Seven entries, the same for everyone, so the menu keeps to one line: six sections anyone may
open, and More, whose page lists the rest, each entry only for a reader who may open it. Every
page belongs to one section, which the menu marks (`aria-current`: "page" on the section's own
page, "true" anywhere else in it); each section's first page lists the pages under it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from complaints import access as complaints_access
from decisions import access as decisions_access
from panel import access as panel_access
from panel.access import Reader
from panel.models import Panel

from . import history


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    namespaces: tuple[str, ...] = ()


OVERVIEW = Section("Overview", "panel:home")
MORE = Section("More", "publishing:more", ("panel", "complaints", "publishing", "performance"))
SECTIONS = (
    OVERVIEW,
    Section("Meetings", "meetings:meetings", ("meetings",)),
    Section("Decisions", "decisions:decisions", ("decisions",)),
    Section("Reports register", "statutory:register", ("statutory",)),
    Section("Work programme", "workprogramme:work-programme", ("workprogramme",)),
    Section("Search", "search:search", ("search",)),
    MORE,
)


def section_of(view_name: str) -> Section | None:
    """The section a page belongs to, by its view's name ("meetings:meeting")."""
    if view_name == OVERVIEW.url_name:
        return OVERVIEW
    namespace = view_name.partition(":")[0]
    return next((s for s in SECTIONS if namespace in s.namespaces), None)


@lru_cache(maxsize=512)
def _section_urls(slug: str) -> tuple[str, ...]:
    """Each section's address under the panel ``slug`` (worked out once per process)."""
    return tuple(reverse(section.url_name, args=[slug]) for section in SECTIONS)


def menu_html(panel: Panel, view_name: str, path: str) -> SafeString:
    """The menu on a page of ``panel`` (GOV.UK's service navigation, its ``<li>``s): the same
    for every reader, no database query; its section marked ``aria-current``, "page" on the
    section's own page and "true" anywhere else in it. Drawn once per process for each panel,
    section and mark, not by the template on every page."""
    here = section_of(view_name)
    at = SECTIONS.index(here) if here is not None else -1
    return _menu_html(panel.slug, at, at >= 0 and path == _section_urls(panel.slug)[at])


_ENTRY = (
    '<li class="govuk-service-navigation__item">'
    '<a class="govuk-service-navigation__link" href="{}">{}</a></li>'
)
_CURRENT = (
    '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
    '<a class="govuk-service-navigation__link" href="{}" aria-current="{}">'
    '<strong class="govuk-service-navigation__active-fallback">{}</strong></a></li>'
)


@lru_cache(maxsize=4096)
def _menu_html(slug: str, at: int, on_its_page: bool) -> SafeString:
    mark = "page" if on_its_page else "true"
    entries = [
        format_html(_CURRENT, url, mark, section.label)
        if index == at
        else format_html(_ENTRY, url, section.label)
        for index, (section, url) in enumerate(zip(SECTIONS, _section_urls(slug), strict=True))
    ]
    return format_html_join("\n", "{}", ((entry,) for entry in entries))


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    about: str


Allowed = Callable[[Reader, Panel], bool]


def _everyone(user: Reader, panel: Panel) -> bool:
    return True


# The More page, group by group: each link with the rule that lets a reader open its page.
MORE_GROUPS: tuple[tuple[str, tuple[tuple[Link, Allowed], ...]], ...] = (
    (
        "The panel",
        (
            (
                Link(
                    "Membership",
                    "panel:membership",
                    "Councillors and independent members, by council, with the officers.",
                ),
                _everyone,
            ),
            (
                Link(
                    "Committees and groups",
                    "panel:bodies",
                    "The working groups, task and finish groups and the complaints "
                    "sub-committee, with their terms of reference and members.",
                ),
                _everyone,
            ),
            (
                Link(
                    "Police and Crime Plan",
                    "performance:plans",
                    "The Commissioner's priorities, the measures of each, the figures every "
                    "quarter against target, the money, and the panel's questions.",
                ),
                _everyone,
            ),
            (
                Link(
                    "Recommendations and actions",
                    "workprogramme:actions",
                    "What the panel has asked for and what has been done about it.",
                ),
                _everyone,
            ),
        ),
    ),
    (
        "Your work",
        (
            (
                Link(
                    "Complaints",
                    "complaints:complaints",
                    "Complaints about the Commissioner and conduct matters (confidential).",
                ),
                complaints_access.can_list_complaints,
            ),
            (
                Link(
                    "Manage the panel",
                    "panel:manage",
                    "Bodies, people and members, standing items and who has access.",
                ),
                panel_access.can_manage_panel,
            ),
            (
                Link(
                    "Manage decision records",
                    "decisions:decision-manage-list",
                    "Draft, sign off and publish the Commissioner's decision records.",
                ),
                decisions_access.can_draft_decisions,
            ),
            (
                Link(
                    "API tokens",
                    "panel:api-tokens",
                    "The keys the Commissioner's office's own systems call the API with.",
                ),
                panel_access.can_view_api_tokens,
            ),
            (
                Link(
                    "Change history",
                    "publishing:history",
                    "Who changed what and when, in the records you keep.",
                ),
                history.can_view_history,
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Listed:
    label: str
    url: str
    about: str


@dataclass(frozen=True)
class Group:
    heading: str
    links: list[Listed]


def more_page(user: Reader, panel: Panel) -> list[Group]:
    """The More page's groups, each with the links this reader may open (a group with none is
    left out)."""
    groups = []
    for heading, links in MORE_GROUPS:
        shown = [
            Listed(link.label, reverse(link.url_name, args=[panel.slug]), link.about)
            for link, allowed in links
            if allowed(user, panel)
        ]
        if shown:
            groups.append(Group(heading, shown))
    return groups
