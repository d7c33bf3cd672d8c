"""All configuration comes from environment variables (documented in README.md)."""

import importlib.util
import secrets
from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP

from whichmovie.config import (
    ConfigEnv,
    LogLineFilter,
    OutsideFailureLogFilter,
    kept_secret,
    private_directory,
    private_file,
)

# ModelAdmin[Movie] and ModelForm[Channel] work at run time once django-stubs-ext has patched
# them: that happens where the admin modules load (catalog.admin_config.load_admin_modules),
# not here, for its imports would add a tenth to every command's start.

# A value that cannot be read stops the start with one line naming the variable.
env = ConfigEnv()

DATA_DIR = private_directory(
    Path(env.str("WHICHMOVIE_DATA_DIR", default=str(Path.cwd() / "data"))).resolve()
)


def _secret_key() -> str:
    """Use SECRET_KEY, else one generated on first start and kept in the data dir."""
    key: str = env.str("SECRET_KEY", default="")
    if key:
        return key
    return kept_secret(DATA_DIR / "secret_key", secrets.token_urlsafe(50))


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "whichmovie.catalog.admin_config.AdminConfig",  # the admin, loaded with the URLconf
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_dramatiq",
    "whichmovie.catalog",
    "whichmovie.web",
    "whichmovie.radar",
]

MIDDLEWARE = [
    "whichmovie.web.health.healthz_middleware",  # first: monitors call it by IP address
    "django.middleware.security.SecurityMiddleware",
    "whichmovie.web.middleware.CompressPublicResponses",  # gzip, but not beside a secret
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "whichmovie.web.middleware.head_without_body",
    "whichmovie.web.middleware.refuse_control_characters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "whichmovie.radar.middleware.private_radar",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# django-ninja's bundled Swagger UI serves /api/docs (nothing from a CDN): its templates and
# static files are found here without importing ninja. As an installed app it would load
# pydantic and the whole API at every start, `whichmovie channels list` included.
NINJA_DIR = Path(importlib.util.find_spec("ninja").origin or "").parent  # type: ignore[union-attr]

ROOT_URLCONF = "whichmovie.urls"
WSGI_APPLICATION = "whichmovie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [NINJA_DIR / "templates"],
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
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        private_file(Path(DATABASES["default"]["NAME"]))
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
    # A connection is checked before it is reused, so a restarted database costs no error.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASE_POOL := env.int("DATABASE_POOL", default=0):
        # One pool per process (psycopg_pool): its threads share at most DATABASE_POOL
        # connections, a thread waits up to 10 s for a free one. Django returns a request's
        # connection to the pool at its end, so connections are not also kept per thread.
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "pool": {"min_size": 1, "max_size": DATABASE_POOL, "timeout": 10},
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    else:
        # Each thread keeps its own connection this long: reused, not opened per request.
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

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
STATICFILES_DIRS = [NINJA_DIR / "static"]
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
TMDB_RATE_LIMIT = env.positive_float("TMDB_RATE_LIMIT", default=40.0)
TMDB_IMAGE_BASE_URL = env.str("TMDB_IMAGE_BASE_URL", default="https://image.tmdb.org/t/p/")

# YouTube
YOUTUBE_FEED_URL = env.str("YOUTUBE_FEED_URL", default="https://www.youtube.com/feeds/videos.xml")
FIRST_FETCH_DEPTH = env.int("FIRST_FETCH_DEPTH", default=200)
CHANNEL_JITTER_SECONDS = env.int("CHANNEL_JITTER_SECONDS", default=60)
YOUTUBE_COOKIES_FILE = env.str("YOUTUBE_COOKIES_FILE", default="")
YOUTUBE_PROXY = env.str("YOUTUBE_PROXY", default="")
YOUTUBE_REQUEST_SPACING = env.float("YOUTUBE_REQUEST_SPACING", default=1.0)
YOUTUBE_USER_AGENT = env.str("YOUTUBE_USER_AGENT", default="")

# The personal radar (radar app): users, follows, notifications, Radarr push.
PUBLIC_RADAR = env.bool("PUBLIC_RADAR", default=True)
SITE_URL = env.str("SITE_URL", default="")
RADARR_URL = env.str("RADARR_URL", default="")
RADARR_API_KEY = env.str("RADARR_API_KEY", default="")
LOGIN_REDIRECT_URL = "radar:mine"
LOGOUT_REDIRECT_URL = "web:radar"
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

LOG_LEVEL = env.choice(
    "LOG_LEVEL", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
)
LOG_FORMAT = env.choice("LOG_FORMAT", default="plain", choices=("PLAIN", "JSON")).lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "whichmovie.logs.JsonFormatter"},  # one JSON object per line
    },
    # Lines from outside data stay short and on one line (config.LogLineFilter).
    "filters": {
        "one_line": {"()": LogLineFilter},
        "outside_failures": {"()": OutsideFailureLogFilter},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            # Outside failures first: their message then gets the one-line treatment too.
            "filters": ["outside_failures", "one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # The HTTP library logs every request and connection event at DEBUG (httpx2 and httpcore2
    # are its logger names): thousands of lines a run, with TMDB's key in the URLs.
    "loggers": {
        name: {"level": "WARNING"} for name in ("httpx2", "httpcore2", "httpx", "httpcore", "hpack")
    },
}

# Production behind TLS (all off by default: the embedded mode runs on plain http://localhost).
# Behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER names the header it sets to "https".
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if _proxy_header := env.str("SECURE_PROXY_SSL_HEADER", default="").strip():
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_header.upper().replace("-", "_").removeprefix("HTTP_"),
        "https",
    )
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SECURE_SSL_REDIRECT)
SESSION_COOKIE_HTTPONLY = True

# Admin login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one
# user name from one address, that pair is refused for LOGIN_COOLOFF_MINUTES, right password
# or not.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every command
# The client's address: the connection's, unless PROXY_COUNT proxies stand in front (then
# the address they saw, from X-Forwarded-For; without proxies that header is a client's lie).
if PROXY_COUNT := env.int("PROXY_COUNT", default=0):
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# The DEBUG error page hides passwords inside URLs too (BROKER_URL, DATABASE_URL, ...).
DEFAULT_EXCEPTION_REPORTER_FILTER = "whichmovie.web.errors.SafeReporterFilter"
