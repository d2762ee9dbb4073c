"""The production front (deploy/nginx.conf) run by a real nginx before a live server of the app.

nginx runs as the test's own user with a temporary prefix, pid, temp and cache folders, in the
foreground, on a free port; the file is the one docker-compose.yml mounts, with its ${NGINX_...}
values filled in as the image's envsubst step fills them.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from meetings import services
from panel.access import Role, forget_roles
from panel.tenancy import panel_scope
from tests.security.test_walker import PANELS, pdf_text, plan
from tests.security.world import build_world

ROOT = Path(__file__).resolve().parent.parent
CONFIG = (ROOT / "deploy" / "nginx.conf").read_text()
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Served from the cache: fresh, or stale while one request fetches it again.
FROM_CACHE = ("HIT", "STALE", "UPDATING")
PUBLIC_APPS = ("meetings", "decisions", "statutory", "workprogramme", "performance")

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="make test installs nginx")


def render(values: dict[str, str]) -> str:
    return re.sub(r"\$\{(NGINX_[A-Z_]+)\}", lambda m: values[m[1]], CONFIG)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        if self.body.startswith(b"%PDF"):
            return pdf_text(self.body)
        return self.body.decode("utf-8", "replace")


@dataclass
class Front:
    url: str

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # our own
                return Answer(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read())


@pytest.fixture
def front(live_server, tmp_path, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    if not settings.HTTP_CACHE_SHARED:
        pytest.fail("REDIS_URL must point at a Redis server for the front's tests")
    upstream = live_server.url.removeprefix("http://")
    port = free_port()
    run = tmp_path / "nginx"
    run.mkdir()
    conf = run / "nginx.conf"
    conf.write_text(
        render(
            {
                "NGINX_RUN_DIR": str(run),
                "NGINX_CACHE_DIR": str(run / "cache"),
                "NGINX_UPSTREAM": upstream,
                "NGINX_PORT": f"127.0.0.1:{port}",
                "NGINX_ACCESS_LOG": "off",
            }
        )
    )
    log = (run / "error.log").open("w")
    # As root (a container), nginx's workers would drop to www-data, who cannot read tmp_path.
    user = f" user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    server = subprocess.Popen(
        [NGINX, "-p", str(run), "-c", str(conf), "-e", "stderr", "-g", "daemon off;" + user],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            assert server.poll() is None, (run / "error.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        yield Front(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        print((run / "error.log").read_text())  # shown when a test fails


@pytest.fixture
def world(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_world(cast)


def session_of(user) -> dict[str, str]:
    """The Cookie header of a real session of ``user`` (two users, two sessions)."""
    forget_roles(user)
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"Cookie": f"{name}={client.cookies[name].value}"}


def meeting_path(world, key="alpha") -> str:
    return reverse("meetings:meeting", args=[key, world[key].meetings[0].slug])


def control(answer: Answer) -> set[str]:
    return {part.strip() for part in answer.headers.get("Cache-Control", "").split(",")}


def test_the_front_caches_the_publics_pages_and_never_a_members(
    transactional_db, world, front, settings
):
    """One world (building it is the slow part), every promise of the front in turn."""
    it_serves_the_second_anonymous_request_from_the_cache(world, front)
    it_answers_a_matching_validator_with_304(world, front)
    it_shows_a_publication_everywhere_after_max_age(world, front, settings)
    settings.HTTP_CACHE_MAX_AGE, settings.HTTP_CACHE_STALE_SECONDS = 60, 300
    it_never_shares_a_members_page_nor_gives_them_the_publics(world, front)


def it_serves_the_second_anonymous_request_from_the_cache(world, front):
    path = meeting_path(world)
    first = front.get(path)
    second = front.get(path)
    assert first.status == 200 and first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.body == first.body
    assert {"public", "max-age=60", "stale-while-revalidate=300"} == control(second)


def it_answers_a_matching_validator_with_304(world, front):
    path = meeting_path(world)
    first = front.get(path)
    again = front.get(path, {"If-None-Match": first.headers["ETag"]})
    assert again.status == 304
    since = front.get(path, {"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status == 304
    assert front.get(path, {"If-None-Match": '"another"'}).status == 200


def it_never_shares_a_members_page_nor_gives_them_the_publics(world, front):
    """Two members' sessions (of two panels) read every public page of the walker's plan
    first; the public then reads each twice (the second from the cache): no marker of the
    walker's world reaches it, though the members read some."""
    alpha_member = session_of(world.cast.user("alpha", Role.MEMBER))
    beta_member = session_of(world.cast.user("beta", Role.MEMBER))
    markers = [m.text for m in world.markers]
    paths = [
        r.path
        for r in plan(world)[0]
        if r.path.strip("/").split("/")[0] in PANELS
        and "/manage/" not in r.path
        and _app_of(r.path) in PUBLIC_APPS
        and not r.path.endswith("/pdf/")  # rendered PDFs: the in-process walker reads them
    ]
    assert len(paths) > 50
    member_saw, hits = set(), 0
    for path in paths:
        for session in (alpha_member, beta_member):
            answer = front.get(path, session)
            if answer.status == 200:
                assert "public" not in control(answer), path
                assert "private" in control(answer), path
                assert answer.headers.get("X-Cache-Status") in (None, "BYPASS"), path
                member_saw |= {m for m in markers if m in answer.text}
        for _ in range(2):
            public = front.get(path)
            leaked = [m for m in markers if m in public.text]
            assert not leaked, (path, leaked)
            hits += public.headers.get("X-Cache-Status") in FROM_CACHE
    assert member_saw, "the members read secrets the public never got"
    assert hits > 20
    # And the other way round: a page the public has in the cache is not what a member gets.
    assert front.get(meeting_path(world)).headers["X-Cache-Status"] in FROM_CACHE
    assert front.get(meeting_path(world), alpha_member).headers["X-Cache-Status"] == "BYPASS"


def _app_of(path: str) -> str:
    try:
        namespaces = resolve(path.split("?")[0]).namespaces
    except Resolver404:
        return ""
    return namespaces[0] if namespaces else ""


def it_shows_a_publication_everywhere_after_max_age(world, front, settings):
    settings.HTTP_CACHE_MAX_AGE = 2
    settings.HTTP_CACHE_STALE_SECONDS = 2
    c = world.cast["beta"]
    start = dt.datetime(2031, 1, 15, 10, tzinfo=dt.UTC)
    with panel_scope(c.panel):
        meeting = services.meeting_create(body=c.main_body, start=start, venue="Hall", actor=None)
        services.agenda_publish(meeting=meeting, at=start - dt.timedelta(days=14), actor=None)
    path = reverse("meetings:meeting", args=["beta", meeting.slug])
    before = front.get(path)
    assert front.get(path).headers["X-Cache-Status"] == "HIT"
    with panel_scope(c.panel):
        services.item_add(meeting=meeting, title=LATE, actor=None)
        meeting.refresh_from_db()
        services.agenda_publish(
            meeting=meeting, late_reason="The figures came late", change_note="Late", actor=None
        )
    deadline = time.monotonic() + settings.HTTP_CACHE_MAX_AGE + 10
    while LATE not in (after := front.get(path)).text:
        assert time.monotonic() < deadline, "the publication did not show after max-age"
        time.sleep(0.5)
    assert after.headers["ETag"] != before.headers["ETag"]


LATE = "Late report on road safety"
