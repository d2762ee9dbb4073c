"""Benchmark: a member's pages under load, through gunicorn, beside the framework's floor.

Builds a database of the demo data (SQLite in a temporary folder: `migrate`, `load_demo`,
`search_reindex`, `collectstatic`), starts gunicorn (4 sync workers, DEBUG off, production
settings read from the environment as `config/settings.py` reads them, behind an HTTPS proxy as
in production: every request says `X-Forwarded-Proto: https`), signs in as the demo member
(`warwickshire-member`) by posting the login form with its CSRF token, and drives each page with
`wrk` (Debian's; 50 connections) as that member:

- the floor: `/healthz/session`, the cheapest signed-in request (every middleware, the session
  and the user read, a few bytes back);
- the recommendations and actions tracker, `/warwickshire/actions/`;
- the 26 September 2014 meeting's page, `/warwickshire/meetings/2014-09-26/`;
- `/healthz` as the public (no session at all), for reference.

Prints requests per second and p50/p95/p99 latency for each, each page's throughput as a
fraction of the floor's, and whether it meets the targets: at least 0.2 of the floor and a p95
of at most 250 ms.

    .venv/bin/python bench/member_pages.py          # BENCH_SECONDS=15 BENCH_WORKERS=4 by default
    BENCH_REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/member_pages.py

With BENCH_REDIS_URL the server has Redis as production does (its cache, and sessions read from
it); without, none (sessions read from the database).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess  # nosec B404  # the bench runs our own commands, never input
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import harness  # a throwaway VAR_DIR, removed when this process ends

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.getenv("BENCH_SECONDS", "15"))
WORKERS = int(os.getenv("BENCH_WORKERS", "4"))
CONNECTIONS = 50
THREADS = 2
MEMBER, PASSWORD = "warwickshire-member", "panel-demo-2014"
FLOOR = ("floor (signed in)", "/healthz/session")
PAGES = [
    ("tracker", "/warwickshire/actions/"),
    ("meeting 2014-09-26", "/warwickshire/meetings/2014-09-26/"),
]
PUBLIC = ("/healthz (public)", "/healthz")
TARGET_RATIO, TARGET_P95_MS = 0.2, 250.0
WRK = shutil.which("wrk")
LUA = """
wrk.headers["X-Forwarded-Proto"] = "https"
{cookie}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


@dataclass
class Result:
    label: str
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int


def server_env(var_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        VAR_DIR=var_dir,
        DEBUG="0",
        SECRET_KEY="bench-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        AXES_ENABLED="1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603  # nosec B603  # our own manage.py, our own arguments
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(
    port: int, method: str, path: str, headers: dict[str, str], body: str = ""
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers={"X-Forwarded-Proto": "https", **headers})
    response = conn.getresponse()
    response.read()
    return response


def cookie_of(response: http.client.HTTPResponse, name: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError(f"no {name} cookie in {response.status} {response.headers}")


def sign_in(port: int) -> str:
    """The member's session cookie, from the login form as a browser posts it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    page = conn.getresponse()
    html = page.read().decode()
    csrf = cookie_of(page, "csrftoken")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if match is None:
        raise RuntimeError("no CSRF token on the login form")
    origin = f"https://127.0.0.1:{port}"
    body = f"username={MEMBER}&password={PASSWORD}&csrfmiddlewaretoken={match[1]}"
    done = request(
        port,
        "POST",
        "/accounts/login/",
        {
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": f"{origin}/accounts/login/",
        },
        body,
    )
    if done.status != 302:
        raise RuntimeError(f"signing in answered {done.status}")
    return f"sessionid={cookie_of(done, 'sessionid')}"


def check(port: int, path: str, cookie: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"X-Forwarded-Proto": "https", "Cookie": cookie})
    response = conn.getresponse()
    body = response.read().decode()
    signed_in = "Signed in as" in body or '"signed_in": true' in body
    if response.status != 200 or (cookie and not signed_in):
        raise RuntimeError(f"{path} as the member answered {response.status}, not signed in")


def drive(port: int, label: str, path: str, cookie: str, seconds: int) -> Result:
    script = Path(os.environ["VAR_DIR"]) / "bench.lua"
    line = f'wrk.headers["Cookie"] = "{cookie}"' if cookie else ""
    script.write_text(LUA.format(cookie=line))
    out = subprocess.run(  # noqa: S603  # nosec B603  # Debian's wrk, our own arguments
        [str(WRK), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(script), f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.M)
    if found is None:
        raise RuntimeError(out)
    n, micros, p50, p95, p99, errors = map(int, found.groups())
    return Result(label, n / (micros / 1e6), p50 / 1000, p95 / 1000, p99 / 1000, errors)


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603  # nosec B603  # the venv's gunicorn
        [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi:application", "--workers",
         str(WORKERS), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            if request(port, "GET", "/healthz", {}).status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    if WRK is None:
        sys.exit("wrk is missing: bash scripts/apt-ensure.sh wrk")
    env = server_env(os.environ["VAR_DIR"])
    print("loading the demo data…", flush=True)
    for command in (["migrate", "--noinput"], ["load_demo"], ["search_reindex"]):
        manage(env, *command)
    manage(env, "collectstatic", "--noinput")
    if redis := os.getenv("BENCH_REDIS_URL"):
        env["REDIS_URL"] = redis  # the server's only: the demo's packs were made in-process
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        cookie = sign_in(port)
        for _, path in (FLOOR, *PAGES):
            check(port, path, cookie)
        for _, path in (FLOOR, *PAGES):  # warm every worker's templates and connections
            drive(port, "", path, cookie, 2)
        floor = drive(port, FLOOR[0], FLOOR[1], cookie, SECONDS)
        pages = [drive(port, label, path, cookie, SECONDS) for label, path in PAGES]
        public = drive(port, PUBLIC[0], PUBLIC[1], "", SECONDS)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(floor, pages, public)


def report(floor: Result, pages: list[Result], public: Result) -> None:
    print(
        f"database: SQLite (the demo data), Redis: {os.getenv('BENCH_REDIS_URL') or 'none'}; "
        f"gunicorn {WORKERS} workers, DEBUG off; "
        f"wrk {CONNECTIONS} connections, {THREADS} threads, {SECONDS} s each; as {MEMBER}"
    )
    heads = ("req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"{'':20}", *(f"{h:>8}" for h in heads), f"{'errors':>7} {'ratio':>6}")
    for r in (floor, *pages, public):
        print(
            f"{r.label:20} {r.rps:8.0f} {r.p50:8.1f} {r.p95:8.1f} {r.p99:8.1f} {r.errors:7}"
            f" {r.rps / floor.rps:6.2f}"
        )
    for r in pages:
        ok = r.rps / floor.rps >= TARGET_RATIO and r.p95 <= TARGET_P95_MS and not r.errors
        print(
            f"{r.label}: ratio {r.rps / floor.rps:.2f} (target >= {TARGET_RATIO}), p95"
            f" {r.p95:.0f} ms (target <= {TARGET_P95_MS:.0f}): {'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    del harness  # imported for its throwaway folder
    main()
