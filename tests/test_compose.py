"""docker-compose.yml cannot run here (no Docker engine): check it against the settings."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat", "migrate")
SETTINGS_READS = set(
    re.findall(
        r'(?:os\.getenv|envbool|envint|envlist)\(\s*"([A-Z_]+)"',
        (ROOT / "panel/settings.py").read_text(),
    )
)


def command(name):
    value = SERVICES[name]["command"]
    return " ".join(value) if isinstance(value, list) else value


def test_it_has_the_production_services():
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(SERVICES)


def test_it_runs_gunicorn_a_worker_and_beat():
    assert command("web").startswith("gunicorn panel.wsgi:application")
    assert re.match(r"celery -A panel worker\b", command("worker"))
    assert re.match(r"celery -A panel beat\b", command("beat"))
    assert command("migrate") == "python manage.py migrate --noinput"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_it_gives_each_app_service_only_variables_the_settings_read(name):
    env = SERVICES[name]["environment"]
    assert set(env) <= SETTINGS_READS, set(env) - SETTINGS_READS
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"} <= set(env)
    assert str(env["DEBUG"]) in ("0", "false", "False")
    assert (
        urlparse(
            env["DATABASE_URL"].replace("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", "x")
        ).hostname
        == "postgres"
    )
    assert urlparse(env["REDIS_URL"]).hostname == "redis"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_it_starts_app_services_after_healthy_backing_services(name):
    depends = SERVICES[name]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"


def test_it_migrates_before_the_web_starts():
    assert SERVICES["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_it_checks_health_and_keeps_data_in_volumes():
    for name in ("web", "postgres", "redis"):
        assert SERVICES[name]["healthcheck"]["test"]
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert "postgres-data:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    for name in ("web", "worker"):
        assert "media:/data/media" in SERVICES[name]["volumes"]
    assert {"postgres-data", "media"} <= set(COMPOSE["volumes"])


def test_it_builds_with_debians_libraries_and_weasyprint_from_pypi():
    dockerfile = (ROOT / "Dockerfile").read_text()
    libraries = r"libpango-1\.0-0 libpangoft2-1\.0-0 libharfbuzz-subset0"
    assert re.search(r"apt-get install -y --no-install-recommends " + libraries, dockerfile)
    assert "python3-weasyprint" not in dockerfile and not re.search(
        r"apt-get install[^\n]*weasyprint", dockerfile
    )
