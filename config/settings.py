"""Settings, all from the environment.

With nothing set the app runs on its own: a SQLite file under var/, Celery tasks run eagerly
in-process and email goes to the console. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and DEBUG=0, and passes `manage.py check --deploy` with no warnings.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.getenv("VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.getenv(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", "1")
# A development key is only ever used with DEBUG on; production refuses to start without one.
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-" + "x" * 40

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "guardian",
    "axes",
    "simple_history",
    "panel",
    "documents",
    "meetings",
    "workprogramme",
    "decisions",
    "complaints",
    "statutory",
    "performance",
    "search",
    "alerts",
    "publishing",
    "oparl",
    "httpcache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, authentication and the panel: an anonymous reader's published page is
    # answered from the cache (a 304, or the stored bytes) without them (httpcache/middleware.py).
    "httpcache.middleware.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "panel.middleware.SecurityHeadersMiddleware",
    "panel.middleware.RejectNulMiddleware",
    "panel.middleware.PanelMiddleware",
    # Axes last, so that it sees the authenticated user.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "panel.context_processors.panel",
                "panel.context_processors.site",
                "publishing.context_processors.menu",
            ],
        },
    }
]

if not os.getenv("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Persistent connections: a new one per request costs more than a signed-in page's own
        # queries (PostgreSQL's connect and authentication; SQLite parses the whole schema again).
        conn_max_age=envint("DB_CONN_MAX_AGE", "600"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default with more than one process (gunicorn's workers, a Celery worker):
    # readers never wait for a writer (WAL), a writer waits its turn for up to 20 s, and a
    # transaction that will write takes the lock when it begins (IMMEDIATE), instead of failing
    # with "database is locked" when it tries to upgrade a read lock another process holds too.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each run of the suite its own database (two runs on one server never meet); Django drops
    # it when the run ends. TEST_DATABASE_NAME names it instead.
    DATABASES["default"]["TEST"] = {
        "NAME": os.getenv("TEST_DATABASE_NAME") or f"test_panel_{os.getpid()}"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the signed-in user read by a prepared query (panel/backends.py)
    "panel.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-guardian: no anonymous user row; grants are per panel object only.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# django-axes: lock a username from one address after 10 failures for 15 minutes, never an
# address on its own (a council's staff share one address).
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("AXES_ENABLED", "1")
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the finders
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Email: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = envint("EMAIL_PORT", "587")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "1")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "panel-governance@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: a real broker when REDIS_URL is set, otherwise tasks run eagerly in-process.
REDIS_URL = os.getenv("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# The result backend carries only chords' bookkeeping (a pack's part tasks, then its merge):
# every other task ignores its result.
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_RESULT_EXPIRES = 60 * 60
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Agenda packs have a queue of their own (config.celery.route_task), served by prefork workers
# (`celery -A config worker -Q packs`), so that emails and reminders never wait behind a pack.
PACK_QUEUE = os.getenv("PACK_QUEUE", "packs")
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = ("config.celery.route_task",)

# Caches hold public data only (see docs/architecture.md); Redis when there is one.
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "panel",
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Renderings of published versions (an agenda as the public or a member sees it), keyed by the
# version's id: a version never changes, so each process keeps its own and none goes stale. In
# the process's memory, never in "default": a member's rendering shows exempt business.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# Sessions in the database, read by a prepared query (panel/sessions). With Redis, read from a
# cache of their own and written through to the database (cached_db): a signed-in request asks
# the database for its user only. Kept apart from "default", which holds public data only. Never
# a process's own memory: a session ended in one worker would live on in another's.
SESSION_ENGINE = "panel.sessions.db"
if REDIS_URL:
    CACHES["sessions"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "session",
    }
    SESSION_ENGINE = "panel.sessions.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
# Published pages as cacheable documents (httpcache/): how long shared caches keep a public page
# (a publication shows everywhere within it), how long after that they may serve it while they
# fetch it again, and whether the app keeps rendered pages itself. Stamps and stored pages need
# a cache every process shares (Redis); without one, each page's stamp is read from the database
# and nothing is stored.
HTTP_CACHE_MAX_AGE = envint("HTTP_CACHE_MAX_AGE", "60")
HTTP_CACHE_STALE_SECONDS = envint("HTTP_CACHE_STALE_SECONDS", "300")
HTTP_CACHE_SHARED = bool(REDIS_URL)
HTTP_CACHE_APP = HTTP_CACHE_SHARED and envbool("HTTP_CACHE_APP", "1")
HTTP_CACHE_KEY_PREFIX = os.getenv("HTTP_CACHE_KEY_PREFIX", "httpcache")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # For the Commissioner's office's own systems: knox tokens, hashed, expiring, revocable,
        # each for one panel and one role. First, so that a bad, expired or revoked token is a
        # 401 with a WWW-Authenticate header.
        "panel.tokens.PanelTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": [
        "panel.parsers.JSONParser",  # DRF's, with JSON nested too deeply a 400
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "panel.pagination.Pagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "panel.api_errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# django-rest-knox: the project's own token model (panel.ApiToken: its panel, role, name, last
# use and revocation), and the header clients already send, "Authorization: Token <key>".
KNOX_TOKEN_MODEL = "panel.ApiToken"  # noqa: S105  # nosec B105  # a model's name, not a secret
REST_KNOX = {"AUTH_HEADER_PREFIX": "Token"}
# knox's own migrations would create its table although its model is swapped out; an empty table
# with a key to the users would stop a test database being flushed. The project's is panel's.
MIGRATION_MODULES = {"knox": None}
SPECTACULAR_SETTINGS = {
    "TITLE": "Police and Crime Panel governance API",
    "DESCRIPTION": "Panels, bodies, people and memberships; every response follows the "
    "same access policy as the pages.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "panel.api_errors.document_errors",
    ],
    # panel.converters.IdConverter: a record's number, at most a database integer's largest.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}},
    "ENUM_NAME_OVERRIDES": {
        "SetAsideGroundEnum": "complaints.models.Complaint.SetAsideGround",
        "ActionStatusEnum": "workprogramme.models.Action.Status",
        "WorkItemStatusEnum": "workprogramme.models.WorkProgrammeItem.Status",
        "ComplaintStatusEnum": "complaints.models.Complaint.Status",
        "DecisionStatusEnum": "decisions.models.Decision.Status",
        "MeetingMinutesStatusEnum": "meetings.models.Meeting.MinutesStatus",
        "StatutoryCaseKindEnum": "statutory.models.StatutoryCase.Kind",
        "PlanReturnStatusEnum": "performance.models.Return.Status",
        "StatutoryCaseStatusEnum": "statutory.models.StatutoryCase.Status",
    },
}

# Security. HTTPS settings are on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(60 * 60 * 12))
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},  # it says hello at INFO on every start
    },
}
FORM_RENDERER = "panel.forms.GovukFormRenderer"
APPENDIX_MAX_BYTES = envint("APPENDIX_MAX_BYTES", str(20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Closed complaints are anonymised after this many years (counts are kept).
COMPLAINT_RETENTION_YEARS = envint("COMPLAINT_RETENTION_YEARS", "6")
CELERY_BEAT_SCHEDULE = {
    "complaints-anonymise": {
        "task": "complaints.tasks.complaints_anonymise_all",
        "schedule": 60 * 60 * 24,
    },
    "action-reminders": {
        "task": "workprogramme.tasks.action_reminders_send",
        "schedule": 60 * 60 * 24,
    },
    "statutory-reminders": {
        "task": "statutory.tasks.statutory_reminders_send",
        "schedule": 60 * 60 * 24,
    },
    "agenda-packs-restart-stale": {
        "task": "meetings.tasks.agenda_packs_restart_stale",
        "schedule": 60 * 5,
    },
    "pack-cache-prune": {
        "task": "meetings.tasks.pack_cache_prune",
        "schedule": 60 * 60 * 24,
    },
    # Email alerts: the weekly summaries on Monday mornings, and a sweep for any immediate
    # alert a lost queue message left unsent (each delivery is claimed, so none goes twice).
    "alerts-weekly-digests": {
        "task": "alerts.tasks.digests_send",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    "alerts-sweep": {
        "task": "alerts.tasks.alerts_sweep",
        "schedule": 60 * 10,
    },
}
# Behind a proxy, the request header that carries the client's address (as Django's META
# names it, e.g. HTTP_X_REAL_IP), for the sign-up limits; unset, the connection's address.
RATELIMIT_IP_META_KEY = os.getenv("CLIENT_IP_HEADER") or None
# SQLite (the embedded default) cannot make an alert subscription's unique constraint, whose
# body and query may be empty (nulls_distinct=False); PostgreSQL makes it. On SQLite the
# sign-up's get_or_create keeps subscriptions single.
SILENCED_SYSTEM_CHECKS = ["models.W047"]
# Agenda packs are generated (by the worker) whenever an agenda is published.
AGENDA_PACKS_ON_PUBLISH = envbool("AGENDA_PACKS_ON_PUBLISH", "1")
# Rendered parts unused for this many days leave the part cache (a daily beat task).
PACK_CACHE_DAYS = envint("PACK_CACHE_DAYS", "30")
PACK_RENDER_WORKERS = envint("PACK_RENDER_WORKERS", str(os.cpu_count() or 1))
# A clerk's edit renders the parts it changed in the background, this many seconds after the
# last edit of a burst (one render for a burst), so that publishing finds them ready. On when
# there are workers (REDIS_URL); eager tasks would render in the clerk's request.
PACK_PRERENDER = envbool("PACK_PRERENDER", "1" if REDIS_URL else "0")
PACK_PRERENDER_SECONDS = envint("PACK_PRERENDER_SECONDS", "10")
# Packs are tagged PDFs (one structure tree for screen readers, PDF/UA identification); 0 makes
# untagged ones, a little faster to render. Decision records are always tagged (PDF/UA-1).
PACK_PDF_TAGS = envbool("PACK_PDF_TAGS", "1")
# The fonts the running header and page numbers are drawn in (embedded in every pack), from
# Debian's fonts-dejavu-core: the same face fontconfig gives the pack's "sans-serif".
PACK_STAMP_FONTS = (
    os.environ.get("PACK_STAMP_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    os.environ.get("PACK_STAMP_FONT_BOLD", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
