import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from panel.access import forget_roles
from panel.testing import make_cast

# Tests close each connection after its request or task: one kept open by the live server's or
# the Celery worker's thread would stop the test database from being dropped at the end.
django_settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture
def cast(db):
    return make_cast()


@pytest.fixture
def client_for(client):
    """A test client signed in as ``user`` (or anonymous for None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            forget_roles(user)
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Packs are rendered only by the tests about packs (meetings/tests/test_packs.py).
    settings.AGENDA_PACKS_ON_PUBLISH = False
    settings.PACK_PRERENDER = False  # nor rendered ahead while a test edits an agenda
    # Each test its own published stamps and stored pages: its database is its own, and the
    # shared Redis outlives it.
    settings.HTTP_CACHE_KEY_PREFIX = f"httpcache-test-{uuid.uuid4().hex}"
    # and its own renderings of published versions (ids start again in a new test database).
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def eager_tasks_unless_a_worker_runs():
    """Tasks run in-process unless a test asks for the real worker (`celery_worker`)."""
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = django_settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real Celery worker thread on the real Redis broker, on queues of its own: the default
    one and the packs one (``settings.PACK_QUEUE``, where config.celery routes pack tasks)."""
    import uuid

    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    if not app.conf.broker_url.startswith("redis"):
        pytest.fail("REDIS_URL must point at a Redis server for worker tests")
    queue = f"test-{uuid.uuid4().hex}"
    settings.PACK_QUEUE = f"{queue}-packs"
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(
            app,
            queues=[queue, settings.PACK_QUEUE],
            perform_ping_check=False,
            pool="solo",
            loglevel="WARNING",
        ):
            yield app
    finally:
        app.conf.task_default_queue = "celery"


def pytest_terminal_summary(terminalreporter):
    from panel.testing import HARNESS_SUMMARY

    if HARNESS_SUMMARY:
        terminalreporter.section("security harness")
        for line in HARNESS_SUMMARY:
            terminalreporter.write_line(line)
