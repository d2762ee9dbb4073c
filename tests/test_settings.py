"""Settings come from the environment: safe defaults with none, production with some."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings as s; django.setup();"
    "from config.celery import app;"
    "db = s.DATABASES['default'];"
    "print(json.dumps({'db': db['ENGINE'], 'name': str(db['NAME']),"
    "'eager': app.conf.task_always_eager, 'broker': app.conf.broker_url, 'email': s.EMAIL_BACKEND,"
    "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS}))"
)


def run(args, env, **kwargs):
    base = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings", "HOME": "/tmp"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        **kwargs,
    )


def probe(env):
    result = run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_runs_on_sqlite_with_eager_tasks_and_console_email_when_nothing_is_set(tmp_path):
    got = probe({"VAR_DIR": str(tmp_path)})
    assert got["db"] == "django.db.backends.sqlite3"
    assert got["name"] == str(tmp_path / "db.sqlite3")
    assert got["eager"] is True
    assert got["email"] == "django.core.mail.backends.console.EmailBackend"
    assert got["debug"] is True


def test_it_uses_postgres_and_a_real_broker_when_configured(tmp_path):
    got = probe(
        {
            "VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://u:p@db.example:5432/panel",
            "REDIS_URL": "redis://cache.example:6379/0",
            "EMAIL_HOST": "smtp.example",
        }
    )
    assert got["db"] == "django.db.backends.postgresql"
    assert got["eager"] is False
    assert got["broker"] == "redis://cache.example:6379/0"
    assert got["email"] == "django.core.mail.backends.smtp.EmailBackend"


TEST_NAME_PROBE = (
    "import django; from django.conf import settings as s; django.setup();"
    "print(s.DATABASES['default']['TEST']['NAME'])"
)


def test_two_runs_of_the_suite_on_one_server_use_two_test_databases(tmp_path):
    """Each process names its own test database, so two runs never collide on one name."""
    env = {"VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://u:p@db.example:5432/panel"}
    first, second = (run(["-c", TEST_NAME_PROBE], env).stdout.strip() for _ in range(2))
    assert first.startswith("test_panel_") and second.startswith("test_panel_")
    assert first != second
    named = run(["-c", TEST_NAME_PROBE], {**env, "TEST_DATABASE_NAME": "test_mine"})
    assert named.stdout.strip() == "test_mine"


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": get_random_secret_key(),
    "ALLOWED_HOSTS": "panels.example.org",
    "DATABASE_URL": "postgres://u:p@db.example:5432/panel",
    "REDIS_URL": "redis://cache.example:6379/0",
}


def test_it_passes_check_deploy_with_no_warnings_in_production(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {**PRODUCTION, "VAR_DIR": str(tmp_path), "STATIC_ROOT": str(tmp_path / "static")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run(["-c", PROBE], {**env, "VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
