"""``make run``'s database is SQLite, not the suite's PostgreSQL: the demo, loaded into it, answers
a member's pages (a backend's differences, such as SQLite answering a datetime as text to a query
run without the ORM, show here and nowhere else in the suite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "/warwickshire/actions/",
    "/warwickshire/actions/?page=1",
    "/warwickshire/actions/?status=all",
    "/warwickshire/actions/?overdue=1",
    "/warwickshire/meetings/2014-09-26/",
    "/warwickshire/work-programme/",
]
SCRIPT = f"""
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from django.contrib.auth import get_user_model
setup_test_environment()
call_command("migrate", verbosity=0)
call_command("load_demo", verbosity=0)
client = Client()
client.force_login(get_user_model().objects.get(username="warwickshire-member"))
answers = {{}}
for path in {PATHS!r}:
    response = client.get(path, secure=True)
    answers[path] = [response.status_code, b"Signed in as" in response.content]
print(json.dumps(answers))
"""


def test_the_demo_on_sqlite_answers_a_members_pages(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(tmp_path),  # nothing else set: SQLite there, tasks in-process (make run)
        "LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(  # our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers == {path: [200, True] for path in PATHS}
