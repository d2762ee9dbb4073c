"""The panel's menu: the same seven entries for everyone, the section marked, and a More page
that lists only what its reader may open."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from panel.access import Role

TOP = ["Overview", "Meetings", "Decisions", "Reports register", "Work programme", "Search", "More"]
READERS = [None, *Role]


def _menu(html: str) -> list[tuple[str, str, str | None]]:
    nav = re.search(r'<nav aria-label="Panel".*?</nav>', html, re.S)[0]
    return [
        (re.sub(r"<[^>]+>", "", label), href, current)
        for href, current, label in re.findall(
            r'<a class="govuk-service-navigation__link" href="([^"]+)"'
            r'(?: aria-current="(\w+)")?>(.*?)</a>',
            nav,
        )
    ]


def _more_links(html: str) -> list[str]:
    main = html[html.index('id="main-content"') :]
    return re.findall(r'<h3[^>]*><a class="govuk-link" href="([^"]+)">', main)


@pytest.mark.parametrize("role", READERS, ids=lambda r: getattr(r, "value", "public"))
def test_it_shows_everyone_the_same_entries_each_of_which_opens(cast, client_for, role):
    client = client_for(cast.user("alpha", role) if role else None)
    entries = _menu(client.get(reverse("panel:home", args=["alpha"])).content.decode())
    assert [label for label, _, _ in entries] == TOP
    for _, href, _ in entries:
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize(
    ("name", "args", "section", "current"),
    [
        ("panel:home", [], "Overview", "page"),
        ("meetings:meetings", [], "Meetings", "page"),
        ("workprogramme:work-programme", [], "Work programme", "page"),
        ("workprogramme:actions", [], "Work programme", "true"),
        ("publishing:more", [], "More", "page"),
        ("panel:membership", [], "More", "true"),
        ("panel:bodies", [], "More", "true"),
        ("panel:manage", [], "More", "true"),
        ("statutory:register", [], "Reports register", "page"),
        ("performance:plans", [], "More", "true"),
    ],
)
def test_it_marks_the_section_of_the_page(cast, client_for, name, args, section, current):
    client = client_for(cast.user("alpha", Role.CLERK))
    entries = _menu(client.get(reverse(name, args=["alpha", *args])).content.decode())
    assert [(label, now) for label, _, now in entries if now] == [(section, current)]


@pytest.mark.parametrize(
    ("role", "own"),
    [
        (None, []),
        (Role.MEMBER, []),
        (Role.CLERK, ["panel:manage", "panel:api-tokens", "publishing:history"]),
        (
            Role.OPCC_OFFICER,
            ["decisions:decision-manage-list", "panel:api-tokens", "publishing:history"],
        ),
        (Role.COMPLAINTS_HANDLER, ["complaints:complaints", "publishing:history"]),
    ],
    ids=lambda v: getattr(v, "value", None) or ("public" if v is None else None),
)
def test_the_more_page_lists_only_what_its_reader_may_open(cast, client_for, role, own):
    client = client_for(cast.user("alpha", role) if role else None)
    links = _more_links(client.get(reverse("publishing:more", args=["alpha"])).content.decode())
    everyone = ["panel:membership", "panel:bodies", "performance:plans", "workprogramme:actions"]
    assert links == [reverse(name, args=["alpha"]) for name in [*everyone, *own]]
    for href in links:
        assert client.get(href).status_code == 200, href


def test_a_reader_of_another_panel_gets_the_public_s_more_page(cast, client_for):
    client = client_for(cast.user("beta", Role.CLERK))
    links = _more_links(client.get(reverse("publishing:more", args=["alpha"])).content.decode())
    assert reverse("panel:manage", args=["alpha"]) not in links and len(links) == 4
