"""All configuration comes from environment variables (documented in README.md)."""

import secrets
from pathlib import Path

import django_stubs_ext
import environ
from django.utils.csp import CSP

# Lets model admin and querysets be written with type parameters (ModelAdmin[Movie]).
django_stubs_ext.monkeypatch()

env = environ.Env()

DATA_DIR = Path(env.str("WHICHMOVIE_DATA_DIR", default=str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY, else one generated on first start and kept in the data dir."""
    key: str = env.str("SECRET_KEY", default="")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return str(key_file.read_text().strip())


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # its bundled Swagger UI for /api/docs (no CDN)
    "django_dramatiq",
    "dramatiq_crontab",
    "whichmovie.catalog",
    "whichmovie.web",
]

MIDDLEWARE = [
    "whichmovie.web.health.healthz_middleware",  # first: monitors call it by IP address
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "whichmovie.web.middleware.head_without_body",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "whichmovie.urls"
WSGI_APPLICATION = "whichmovie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'whichmovie.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + busy timeout: a background writer must never lock the site.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too: an in-memory database shared between threads locks whole tables
    # and ignores the busy timeout, which would hide how concurrent runs really behave.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Nothing loads from elsewhere but TMDB posters, YouTube thumbnails and the click-to-play player.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],  # the admin's and Swagger UI's style attributes
    "img-src": [CSP.SELF, "data:", "https://image.tmdb.org", "https://i.ytimg.com"],
    "frame-src": ["https://www.youtube-nocookie.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Serve from the app directories too, so `whichmovie serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True

# TMDB
TMDB_API_KEY = env.str("TMDB_API_KEY", default="")
TMDB_READ_ACCESS_TOKEN = env.str("TMDB_READ_ACCESS_TOKEN", default="")
TMDB_API_URL = env.str("TMDB_API_URL", default="https://api.themoviedb.org/3")
TMDB_LANGUAGE = env.str("TMDB_LANGUAGE", default="en-US")
TMDB_REGION = env.str("TMDB_REGION", default="US")
TMDB_RATE_LIMIT = env.float("TMDB_RATE_LIMIT", default=40.0)
TMDB_IMAGE_BASE_URL = env.str("TMDB_IMAGE_BASE_URL", default="https://image.tmdb.org/t/p/")

# YouTube
YOUTUBE_FEED_URL = env.str("YOUTUBE_FEED_URL", default="https://www.youtube.com/feeds/videos.xml")
FIRST_FETCH_DEPTH = env.int("FIRST_FETCH_DEPTH", default=200)
CHANNEL_JITTER_SECONDS = env.int("CHANNEL_JITTER_SECONDS", default=60)
# The Sunday reconcile (full listings) is spread evenly over this many hours.
RECONCILE_SPREAD_HOURS = env.float("RECONCILE_SPREAD_HOURS", default=6.0)
# A batch of work (catalog.services.work) is another worker's once its lease runs out.
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=30)
JOB_BATCH_SIZE = env.int("JOB_BATCH_SIZE", default=50)  # movies per enrichment message
SCHEDULER_TICK_SECONDS = env.float("SCHEDULER_TICK_SECONDS", default=10.0)

# Jobs: no BROKER_URL = embedded (in-process worker); redis:// or amqp:// = distributed.
BROKER_URL = env.str("BROKER_URL", default="")
if BROKER_URL.startswith("redis"):
    _broker, _options = "dramatiq.brokers.redis.RedisBroker", {"url": BROKER_URL}
elif BROKER_URL.startswith("amqp"):
    _broker, _options = "dramatiq.brokers.rabbitmq.RabbitmqBroker", {"url": BROKER_URL}
else:
    _broker, _options = "dramatiq.brokers.stub.StubBroker", {}
DRAMATIQ_BROKER = {
    "BROKER": _broker,
    "OPTIONS": _options,
    "MIDDLEWARE": [
        "dramatiq.middleware.AgeLimit",
        "dramatiq.middleware.TimeLimit",
        "dramatiq.middleware.ShutdownNotifications",
        "dramatiq.middleware.Callbacks",
        "whichmovie.catalog.middleware.JobRuns",
        "dramatiq.middleware.Retries",
        "django_dramatiq.middleware.DbConnectionsMiddleware",
    ],
}
DRAMATIQ_AUTODISCOVER_MODULES = ["tasks"]
# Redis: the shared TMDB rate limit and the page cache (the scheduler's lock is in the database).
REDIS_URL = env.str("REDIS_URL", default=BROKER_URL if BROKER_URL.startswith("redis") else "")
DRAMATIQ_CRONTAB = {"REDIS_URL": REDIS_URL or None}

# Rendered pages (web.cache): shared by every web process when Redis is there.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs must not hang the pages: they render fresh instead.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LOG_FORMAT = env.str("LOG_FORMAT", default="plain")  # or "json": one JSON object per line
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "whichmovie.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"httpx2": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
