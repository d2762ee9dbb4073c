"""docker-compose.yml cannot run here (no Docker engine): check it against the settings."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
# One instruction to a line: continuations joined.
DOCKERFILE_LINES = re.sub(r"\\\n", " ", DOCKERFILE)
APP_SERVICES = ("web", "worker", "worker-packs", "beat", "migrate")
REQUIRED = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
SETTINGS_READS = set(
    re.findall(
        r'(?:os\.getenv|envbool|envint|envlist)\(\s*"([A-Z0-9_]+)"',
        (ROOT / "config/settings.py").read_text(),
    )
)
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}
SUBSTITUTION = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<rest>[^}]*))?\}")
WEASYPRINT_LIBRARIES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")


def command(name):
    value = SERVICES[name]["command"]
    return " ".join(value) if isinstance(value, list) else value


def environment(name):
    return {key: str(value) for key, value in SERVICES[name]["environment"].items()}


def interpolate(value, given=None):
    """What Compose would pass: given values, then defaults; a required one becomes "x"."""

    def one(match):
        if given and match["name"] in given:
            return given[match["name"]]
        return match["rest"] if match["op"] in (":-", "-") else "x"

    return SUBSTITUTION.sub(one, value)


def apt_installs():
    return re.findall(r"apt-get\s+install\b[^&;\n]*", DOCKERFILE_LINES)


def test_it_has_the_production_services():
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(SERVICES)
    assert SERVICES["postgres"]["image"].split(":") == ["postgres", "15"]
    assert SERVICES["redis"]["image"].split(":") == ["redis", "7"]


def test_it_runs_gunicorn_a_worker_and_beat():
    assert re.match(r"gunicorn config\.wsgi:application .*--bind 0\.0\.0\.0:8000\b", command("web"))
    assert re.match(r"celery -A config worker\b", command("worker"))
    assert "--loglevel=INFO" in command("worker").split()
    assert re.match(r"celery -A config beat\b", command("beat"))
    assert command("migrate") == "python manage.py migrate --noinput"


def worker_option(name, *flags):
    words = command(name).split()
    return next(words[n + 1] for n, word in enumerate(words) if word in flags)


def test_it_runs_packs_on_prefork_workers_of_their_own_and_the_rest_on_the_default_worker(
    settings,
):
    """Emails and reminders never wait behind a 400-page pack: pack tasks are routed to the
    packs queue (config.celery.route_task), which only worker-packs serves, one process per
    core (prefork: WeasyPrint's layout is Python, so threads of one process would share a core)."""
    from config.celery import PACK_TASKS, app

    assert re.match(r"celery -A config worker\b", command("worker-packs"))
    assert worker_option("worker-packs", "-Q", "--queues") == settings.PACK_QUEUE == "packs"
    assert worker_option("worker-packs", "--pool", "-P") == "prefork"
    assert int(worker_option("worker-packs", "--concurrency", "-c")) >= 1
    assert worker_option("worker", "-Q", "--queues") == app.conf.task_default_queue
    assert all(app.amqp.router.route({}, t)["queue"].name == "packs" for t in PACK_TASKS)
    assert "--loglevel=INFO" in command("worker-packs").split()
    # Parts rendered on one machine are merged on another: the media volume is shared.
    assert "media:/data/media" in SERVICES["worker-packs"]["volumes"]


def test_it_migrates_before_the_web_starts():
    assert SERVICES["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert SERVICES["migrate"].get("restart") == "no"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_it_gives_each_app_service_only_variables_the_settings_read(name):
    env = environment(name)
    assert set(env) <= SETTINGS_READS, set(env) - SETTINGS_READS
    assert set(env) >= REQUIRED, REQUIRED - set(env)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_it_runs_app_services_in_production_mode_against_the_stacks_own_services(name):
    env = environment(name)
    assert env["DEBUG"] in ("0", "false", "False")
    assert urlparse(interpolate(env["DATABASE_URL"])).scheme in ("postgres", "postgresql")
    assert urlparse(interpolate(env["DATABASE_URL"])).hostname == "postgres"
    assert urlparse(interpolate(env["REDIS_URL"])).scheme == "redis"
    assert urlparse(interpolate(env["REDIS_URL"])).hostname == "redis"


def test_it_shares_one_environment_between_the_app_services():
    web = SERVICES["web"]["environment"]
    assert all(SERVICES[name]["environment"] == web for name in APP_SERVICES)


@pytest.mark.parametrize("name", ("SECRET_KEY", "ALLOWED_HOSTS"))
def test_it_refuses_to_start_without_the_deployments_own_values(name):
    match = SUBSTITUTION.fullmatch(environment("web")[name])
    assert match and match["name"] == name and match["op"] == ":?"


def test_it_keeps_secrets_out_of_the_file():
    for service in SERVICES.values():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"PASSWORD|SECRET|TOKEN|_KEY$", key):
                match = SUBSTITUTION.fullmatch(str(value))
                assert match, f"{key} is written into docker-compose.yml"
                assert match["op"] in (":?", "?") or not match["rest"], key
    assert "POSTGRES_PASSWORD:?" in environment("web")["DATABASE_URL"]


def test_it_never_overrides_a_setting_with_an_empty_string_unless_empty_means_off():
    # EMAIL_HOST empty means console email; the rest, empty, are broken values.
    may_be_empty = {"EMAIL_HOST", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "CSRF_TRUSTED_ORIGINS"}
    for key, value in environment("web").items():
        if key not in may_be_empty:
            assert interpolate(value, {}).strip(), key


@pytest.mark.parametrize("name", APP_SERVICES)
def test_it_starts_app_services_after_healthy_backing_services(name):
    depends = SERVICES[name]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"


def test_it_checks_the_health_of_the_web_and_backing_services():
    for name in ("web", "postgres", "redis"):
        assert SERVICES[name]["healthcheck"]["test"]
    assert "pg_isready" in " ".join(SERVICES["postgres"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(SERVICES["redis"]["healthcheck"]["test"])
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])


def test_it_keeps_data_and_media_in_named_volumes():
    assert "postgres-data:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    for name in ("web", "worker", "worker-packs"):
        media_root = environment(name)["MEDIA_ROOT"]
        assert media_root == "/data/media"
        assert f"media:{media_root}" in SERVICES[name]["volumes"]
    assert {"postgres-data", "media"} <= set(COMPOSE["volumes"])


def test_it_serves_the_static_files_the_image_collected():
    image = re.search(r"^ENV\b.*\bSTATIC_ROOT=(\S+)", DOCKERFILE_LINES, re.MULTILINE)
    assert image, "the Dockerfile sets STATIC_ROOT for collectstatic and the running app alike"
    assert environment("web").get("STATIC_ROOT", image[1]) == image[1]
    assert re.search(r"manage\.py collectstatic --noinput", DOCKERFILE)


def test_it_builds_with_debians_libraries_and_weasyprint_from_pypi():
    installs = apt_installs()
    assert any(
        "--no-install-recommends" in line.split() and set(WEASYPRINT_LIBRARIES) <= set(line.split())
        for line in installs
    ), installs
    assert all("weasyprint" not in line.lower() for line in installs), installs
    assert "python3-weasyprint" not in DOCKERFILE
    assert re.search(r"^USER\s+(?!root\b|0\b)\S+", DOCKERFILE, re.MULTILINE), "runs as non-root"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seconds(duration: str) -> float:
    """A compose duration ("30s", "1m30s", "500ms") in seconds."""
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", duration)
    assert parts and "".join(n + u for n, u in parts) == duration, duration
    return sum(float(n) * units[u] for n, u in parts)


def healthy_as_compose_decides(
    check: dict, command: list[str], env: dict
) -> subprocess.CompletedProcess:
    """Run a healthcheck as compose does: each try killed after its ``timeout``; failures in
    the ``start_period`` do not count, and the service is unhealthy only after ``retries``
    failures in a row after it. Tries come every second rather than every ``interval`` (the
    verdict is the same, sooner), within the time compose would allow: the start period and
    ``retries`` intervals."""
    timeout, interval = seconds(check["timeout"]), seconds(check["interval"])
    budget = seconds(check.get("start_period", "0s")) + check["retries"] * interval
    deadline = time.monotonic() + budget
    while True:
        try:
            result = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as expired:
            result = subprocess.CompletedProcess(command, 1, "", f"timed out: {expired}")
        if result.returncode == 0 or time.monotonic() > deadline:
            return result
        time.sleep(1)


def test_it_reads_compose_durations_as_compose_does():
    assert seconds("30s") == 30 and seconds("1m30s") == 90 and seconds("500ms") == 0.5
    check = SERVICES["web"]["healthcheck"]
    assert seconds(check["start_period"]) >= seconds(check["interval"])  # room to warm up


def test_it_finds_the_web_healthy_when_it_answers_as_production_does(tmp_path):
    """Run the web's healthcheck against gunicorn with the stack's settings (SQLite stands in)."""
    port = free_port()
    given = {"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "panel.example.org,.example.org"}
    env = {key: interpolate(value, given) for key, value in environment("web").items()}
    env.pop("REDIS_URL")
    env.update(
        PATH=os.environ["PATH"],
        HOME=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        VAR_DIR=str(tmp_path),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        check = SERVICES["web"]["healthcheck"]
        assert check["test"][:3] == ["CMD", "python", "-c"]
        code = check["test"][3].replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        result = healthy_as_compose_decides(check, [sys.executable, "-c", code], env)
        assert result.returncode == 0, result.stderr
        # The check is not vacuous: a bare request is refused by the production settings.
        bare = "import urllib.request as u; u.urlopen('http://127.0.0.1:%d/healthz', timeout=5)"
        result = subprocess.run(
            [sys.executable, "-c", bare % port], capture_output=True, timeout=30, check=False
        )
        assert result.returncode != 0
    finally:
        server.terminate()
        server.wait(timeout=30)


# The front: nginx's proxy cache before gunicorn (deploy/nginx.conf; tests/test_front.py runs it).
NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text()
NGINX_PLACEHOLDER = re.compile(r"\$\{(NGINX_[A-Z_]+)\}")


def nginx_directives(name):
    return re.findall(rf"^\s*{name}\s+([^;]*);", NGINX_CONF, re.MULTILINE)


def test_it_puts_the_nginx_front_before_the_web():
    front = SERVICES["front"]
    assert front["image"].split(":")[0] == "nginx"
    assert "./deploy/nginx.conf:/etc/nginx/templates/nginx.conf.template:ro" in front["volumes"]
    assert front["environment"]["NGINX_ENVSUBST_OUTPUT_DIR"] == "/etc/nginx"
    assert front["depends_on"]["web"]["condition"] == "service_healthy"
    port = re.search(r"--bind 0\.0\.0\.0:(\d+)", command("web"))[1]
    assert front["environment"]["NGINX_UPSTREAM"] == f"web:{port}"
    assert f"80:{front['environment']['NGINX_PORT']}" in front["ports"]
    # The web is reached through the front only.
    assert "ports" not in SERVICES["web"] and port in SERVICES["web"]["expose"]
    assert any(v.startswith("page-cache:") for v in front["volumes"])
    assert "page-cache" in COMPOSE["volumes"]


def test_it_fills_every_placeholder_of_the_front_from_its_environment():
    wanted = set(NGINX_PLACEHOLDER.findall(NGINX_CONF))
    assert wanted and wanted <= set(SERVICES["front"]["environment"]), wanted


def test_it_caches_only_what_the_app_marks_public_and_never_a_personal_request():
    assert nginx_directives("proxy_cache") == ["pages"]
    assert not nginx_directives("proxy_cache_valid"), "lifetimes come from the app's headers"
    assert not nginx_directives("proxy_ignore_headers"), "Cache-Control and Set-Cookie honoured"
    cookie_map = re.search(r"map \$http_cookie \$personal_cookie \{(.*?)\}", NGINX_CONF, re.S)
    assert cookie_map and "sessionid" in cookie_map[1] and "messages" in cookie_map[1]
    for directive in ("proxy_cache_bypass", "proxy_no_cache"):
        first = nginx_directives(directive)[0].split()
        assert first == ["$personal_cookie", "$http_authorization"], directive
    assert "updating" in nginx_directives("proxy_cache_use_stale")[0].split()
    assert nginx_directives("proxy_cache_background_update") == ["on"]
    assert nginx_directives("proxy_cache_lock") == ["on"]
    assert nginx_directives("proxy_cache_revalidate") == ["on"]
    assert "$upstream_cache_status always" in nginx_directives("add_header")[0]
    assert "$http_host$request_uri" in nginx_directives("proxy_cache_key")[0]


@pytest.mark.skipif(not Path("/usr/sbin/nginx").exists(), reason="make test installs nginx")
def test_it_gives_nginx_a_configuration_it_accepts(tmp_path):
    values = {**SERVICES["front"]["environment"], "NGINX_RUN_DIR": str(tmp_path)}
    values["NGINX_CACHE_DIR"] = str(tmp_path / "cache")
    values["NGINX_UPSTREAM"] = "127.0.0.1:8000"
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_PLACEHOLDER.sub(lambda m: str(values[m[1]]), NGINX_CONF))
    result = subprocess.run(
        ["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
