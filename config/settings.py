"""Photodesk settings, read from the environment.

With no variable set, the embedded defaults apply: SQLite and media files in ``DATA_DIR``
(``./data``), and Celery over kombu's filesystem transport (a real asynchronous worker that needs
no server). ``DATABASE_URL``, ``REDIS_URL`` and the ``AWS_*`` variables move the same code onto
PostgreSQL, Redis and S3.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config import queues
from config.env import (
    database_config,
    derived_key,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_rate,
    env_str,
    env_url,
    storage_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data"))).resolve()


def data_folder(*parts: str) -> Path:
    """A folder in DATA_DIR, made when missing. DATA_DIR holds the database, the secret key and
    the queue: when Photodesk makes it, it is this user's alone (0700)."""
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = DATA_DIR.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def private_file(path: Path, content: str = "") -> bool:
    """Create ``path`` readable by this user only (0600) with ``content``; False when it
    already exists (it is left as it is)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w") as file:
        file.write(content)
    return True


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG and env_bool("PHOTODESK_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY: must be set in production")
    # The embedded run keeps a generated key in its data folder, so restarts keep sessions.
    key_file = DATA_DIR / "secret_key"
    try:
        SECRET_KEY = key_file.read_text().strip()
    except FileNotFoundError:
        from django.core.management.utils import get_random_secret_key

        SECRET_KEY = get_random_secret_key()
        if not private_file(data_folder() / "secret_key", SECRET_KEY):
            SECRET_KEY = key_file.read_text().strip()  # another process made it meanwhile

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# --- HTTPS, from the environment ------------------------------------------------------------------
# Off by default so the embedded start works on http://127.0.0.1; a deployment behind HTTPS turns
# them on (README "Running it in production"), and `check --deploy` then has nothing to say.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# the probes of a platform or load balancer call the web process directly, in plain http
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# session and CSRF cookies sent over HTTPS only
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
# The header a TLS-terminating proxy sets (`X-Forwarded-Proto`, its value `https`), trusted only
# when named here: set it only when every request passes through a proxy that overwrites it
# (a client could send it otherwise). Under scripts/web, gunicorn reads the same header from
# FORWARDED_ALLOW_IPS only, which needs no setting here.
_proxy_ssl_header = env_str("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = None
if _proxy_ssl_header:
    _header_name = _proxy_ssl_header.upper().replace("-", "_")
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", _header_name):
        raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER: expected a header name such as "
                                   f"X-Forwarded-Proto, got {_proxy_ssl_header!r}")
    SECURE_PROXY_SSL_HEADER = (f"HTTP_{_header_name}", "https")

# --- CORS (django-cors-headers) ------------------------------------------------------------------
# Browser clients on these origins (`https://app.example.com`) may call the APIs; none by default.
# A preflight (OPTIONS with Access-Control-Request-Method) is answered by the middleware before
# authentication, so it never meets a 401. Tokens travel in headers, never in cookies: no
# credentials mode.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Location", "Retry-After", "Content-Range"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Absolute links in API bodies (photo URLs) use the request's host unless this is set.
PUBLIC_BASE_URL = env_url("PUBLIC_BASE_URL", {"http", "https"})

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "oauth2_provider",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our own static files
    "corsheaders",
    "accounts",
    "photos",
    "files",
    "groups",
    "records",
]

# Order matters:
# - SecurityMiddleware first: the HTTPS redirect and HSTS apply to every answer, static ones too.
# - WhiteNoise right after it: static files are answered before sessions, CSRF or auth run.
# - CorsMiddleware before CommonMiddleware (and anything that may answer early): it answers a
#   preflight itself and adds the CORS headers to every answer, errors included.
MIDDLEWARE = [
    # first: the request ID and the one log line per request, timing the rest
    "config.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            ],
        },
    },
]

DATABASES = {"default": database_config(default_sqlite_path=str(DATA_DIR / "photodesk.sqlite3"))}
sqlite_name = str(DATABASES["default"]["NAME"])
if (DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and sqlite_name
        and sqlite_name != ":memory:" and not sqlite_name.startswith("file:")):
    # SQLite would create the file world-readable; its journals take the file's mode
    if Path(sqlite_name).parent == DATA_DIR:
        data_folder()
    if Path(sqlite_name).parent.is_dir():
        private_file(Path(sqlite_name))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# everyone's sign-in page (the authorization-code flow's); the admin keeps its own, staff only
LOGIN_URL = "/accounts/login/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# `manage.py collectstatic` (scripts/release) writes here; WhiteNoise serves it, compressed and
# under hashed names (cached forever by browsers).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static"))).resolve()
if STATIC_ROOT.parent == DATA_DIR:
    data_folder(STATIC_ROOT.name)  # WhiteNoise wants the folder, even before collectstatic
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
STORAGES = {
    "default": storage_config(str(MEDIA_ROOT)),
    # hashed, compressed names once collectstatic has run; before (the embedded start, which
    # serves through runserver --insecure) the plain names
    "staticfiles": {"BACKEND": "config.staticfiles.StaticStorage"},
}

# --- Media URLs and hosts: stable rendition URLs, and what several hosts share -------
# The URLs in API bodies never expire. "serve": Photodesk's /media/{key} answers the bytes;
# "redirect" (S3 only): /media/{key} answers 302 to a presigned URL living
# AWS_QUERYSTRING_EXPIRE seconds; "public": MEDIA_PUBLIC_URL + key (a CDN in front of the
# bucket). Every mode looks the key up in the database first: a taken-down or deleted photo's
# renditions have no row (and no file), so none of its URLs answers.
ON_S3 = STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage"
MEDIA_URLS = env_str("MEDIA_URLS", "redirect" if ON_S3 else "serve")
MEDIA_PUBLIC_URL = env_url("MEDIA_PUBLIC_URL", {"http", "https"})
if MEDIA_URLS not in ("serve", "redirect", "public"):
    raise ImproperlyConfigured("MEDIA_URLS: one of serve, redirect, public")
if MEDIA_URLS == "redirect" and not ON_S3:
    raise ImproperlyConfigured("MEDIA_URLS: redirect needs S3 storage (AWS_STORAGE_BUCKET_NAME)")
if MEDIA_URLS == "public" and not MEDIA_PUBLIC_URL:
    raise ImproperlyConfigured("MEDIA_PUBLIC_URL: must be set when MEDIA_URLS is public")

# Uploads up to 2 GB stream to temporary files, never into memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR")

# --- Redis: broker and cache ---------------------------------------------------------------------
# Every call to Redis (broker, results, cache) is bounded: a broker that is down or hung costs a
# request a few seconds, never minutes (what a request could not queue, the sweeper queues later).
BROKER_TIMEOUT_SECONDS = env_float("BROKER_TIMEOUT_SECONDS", 3.0, minimum=0.1)
REDIS_URL = env_url("REDIS_URL", {"redis", "rediss", "unix"})
CELERY_BROKER_URL = env_url(
    "CELERY_BROKER_URL", {"redis", "rediss", "amqp", "pyamqp", "filesystem", "memory"}
)
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_timeout": BROKER_TIMEOUT_SECONDS,
                                      "socket_connect_timeout": BROKER_TIMEOUT_SECONDS}}}
    CELERY_BROKER_URL = CELERY_BROKER_URL or REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_REDIS_SOCKET_TIMEOUT = BROKER_TIMEOUT_SECONDS
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = BROKER_TIMEOUT_SECONDS
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(DATA_DIR / "cache")}}
    CELERY_RESULT_BACKEND = f"file://{DATA_DIR / 'celery-results'}"

# --- Rendering: time limits, retries and the sweeper ---------------------------------------------
# A render is killed after PHOTO_RENDER_TIME_LIMIT seconds. A photo still pending or processing
# PHOTO_STUCK_AFTER_SECONDS after its render was queued or started is queued again by the
# sweeper (a periodic task, every PHOTO_SWEEP_SECONDS), which also deletes the files of
# interrupted attempts; transient database and storage errors are retried from
# PHOTO_RETRY_BASE_SECONDS, doubling.
PHOTO_RENDER_TIME_LIMIT = env_int("PHOTO_RENDER_TIME_LIMIT", 300, minimum=1)
PHOTO_STUCK_AFTER_SECONDS = env_float("PHOTO_STUCK_AFTER_SECONDS",
                                      2.0 * PHOTO_RENDER_TIME_LIMIT, minimum=1)
if PHOTO_STUCK_AFTER_SECONDS <= PHOTO_RENDER_TIME_LIMIT:
    raise ImproperlyConfigured("PHOTO_STUCK_AFTER_SECONDS: must be longer than "
                               f"PHOTO_RENDER_TIME_LIMIT ({PHOTO_RENDER_TIME_LIMIT} s), or "
                               "running renders would be queued again")
PHOTO_SWEEP_SECONDS = env_float("PHOTO_SWEEP_SECONDS", 30.0, minimum=0.1)
PHOTO_RETRY_BASE_SECONDS = env_float("PHOTO_RETRY_BASE_SECONDS", 2.0, minimum=0)
# A task taken by a worker that dies comes back to the queue after this many seconds: longer
# than the longest task (a render) plus the longest retry countdown (5 minutes).
BROKER_VISIBILITY_TIMEOUT = env_int("BROKER_VISIBILITY_TIMEOUT",
                                    max(900, PHOTO_RENDER_TIME_LIMIT + 600), minimum=1)
if BROKER_VISIBILITY_TIMEOUT <= PHOTO_RENDER_TIME_LIMIT:
    raise ImproperlyConfigured("BROKER_VISIBILITY_TIMEOUT: must be longer than "
                               f"PHOTO_RENDER_TIME_LIMIT ({PHOTO_RENDER_TIME_LIMIT} s), or "
                               "running renders would be delivered twice")

CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL is None:
    # Embedded default: kombu's filesystem transport, a real queue between two processes.
    CELERY_BROKER_URL = "filesystem://"
    queue_dir = DATA_DIR / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(queue_dir / "out"),
        "data_folder_out": str(queue_dir / "out"),
        "processed_folder": str(queue_dir / "processed"),
        "control_folder": str(queue_dir / "control"),
        "store_processed": False,
    }
    for folder in ("out", "processed", "control"):
        data_folder("queue", folder)
    data_folder("celery-results")
elif CELERY_BROKER_URL.startswith(("redis", "rediss")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
        # check for messages of dead workers every few seconds rather than every 100
        "unacked_restore_interval": max(1, min(10, BROKER_VISIBILITY_TIMEOUT // 10)),
        "unacked_restore_throttle": 1,
        "socket_timeout": BROKER_TIMEOUT_SECONDS + 2,  # above BRPOP's own 1 s wait
        "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
        # BRPOP the worker's queues always in the order given (config/queues.py), not in turns
        "queue_order_strategy": "priority",
    }
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT_SECONDS
# one quick second try, then the caller records that the task still has to be queued
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2,
                                    "interval_step": 0.2, "interval_max": 0.2}

# Four queues named QUEUE_PREFIX.interactive, .webhooks, .housekeeping and .bulk, in that order of
# priority (config/queues.py): a worker started without -Q reads them all, the first non-empty
# first on Redis; a task not routed elsewhere is housekeeping.
QUEUE_PREFIX = env_str("QUEUE_PREFIX", "photodesk")
if "CELERY_TASK_DEFAULT_QUEUE" in os.environ:  # its one queue was split into four
    raise ImproperlyConfigured("CELERY_TASK_DEFAULT_QUEUE: no longer read; set QUEUE_PREFIX "
                               "instead (the queues are named QUEUE_PREFIX.interactive, ...)")
if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", QUEUE_PREFIX):
    raise ImproperlyConfigured(f"QUEUE_PREFIX: letters, digits, '.', '_' and '-' only, not "
                               f"{QUEUE_PREFIX!r}")
CELERY_TASK_QUEUES = queues.declared(QUEUE_PREFIX)
CELERY_TASK_DEFAULT_QUEUE = queues.name(queues.HOUSEKEEPING, QUEUE_PREFIX)
CELERY_TASK_ROUTES = ("config.queues.route",)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# worker processes (scripts/worker); each holds at most one database connection
CELERY_WORKER_CONCURRENCY = env_int("WORKER_CONCURRENCY", 2, minimum=1)
# Celery's Django fixup closes the database connections before and after every task unless
# this is set: a new PostgreSQL connection (a server process forked, authenticated) per task.
# Set, it (almost) never closes them; config/celery.py applies Django's own policy instead, as
# at each request: CONN_MAX_AGE, and a connection found broken is replaced.
CELERY_DB_REUSE_MAX = 2**31
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# the periodic tasks, run by `celery beat` (or a worker started with -B)
# (a sweep that waited in the queue past the next one's time is dropped, not run late)
CELERY_BEAT_SCHEDULE = {
    name: {"task": task, "schedule": PHOTO_SWEEP_SECONDS,
           "options": {"expires": max(PHOTO_SWEEP_SECONDS, 5.0)}}
    for name, task in (("sweep-photos", "photos.sweep"),
                       ("sweep-webhooks", "records.sweep_webhooks"))
}
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")

# --- Operations: readiness, housekeeping, request logs --------------------------------------------
# /readyz fails once a queue has had no worker beat for WORKER_STALE_AFTER_SECONDS;
# each worker beats every WORKER_HEARTBEAT_SECONDS (config/heartbeat.py).
WORKER_HEARTBEAT_SECONDS = env_float("WORKER_HEARTBEAT_SECONDS", 10.0, minimum=0.1)
WORKER_STALE_AFTER_SECONDS = env_float("WORKER_STALE_AFTER_SECONDS", 45.0, minimum=0.5)
if WORKER_STALE_AFTER_SECONDS <= 2 * WORKER_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured("WORKER_STALE_AFTER_SECONDS: must be more than twice "
                               f"WORKER_HEARTBEAT_SECONDS ({WORKER_HEARTBEAT_SECONDS} s), or "
                               "one late beat would make a live worker look dead")
# temporary photos (uploaded, never attached) are deleted, files too, after this long
TEMPORARY_PHOTO_MAX_AGE_SECONDS = env_float("TEMPORARY_PHOTO_MAX_AGE_SECONDS", 24 * 3600.0,
                                            minimum=1)
HOUSEKEEPING_SECONDS = env_float("HOUSEKEEPING_SECONDS", 3600.0, minimum=0.1)
CELERY_BEAT_SCHEDULE["cleanup-temporary-photos"] = {
    "task": "photos.cleanup_temporary", "schedule": HOUSEKEEPING_SECONDS,
    "options": {"expires": max(HOUSEKEEPING_SECONDS, 5.0)}}
# "text" (one line per record, as the console shows) or "json" (one object per line)
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT: must be text or json")

# --- Media and hosts: a local media folder must be shared by every host --------------------------
# Local media with a network broker means web processes and workers may run on several hosts:
# each must then see the same MEDIA_ROOT (a shared mount), or a worker fails on every upload it
# cannot find. The operator says so (MEDIA_ROOT_SHARED=1) or uses S3; the embedded start (no
# broker) runs on one host and needs nothing.
MEDIA_ROOT_SHARED = env_bool("MEDIA_ROOT_SHARED", False)
if (not ON_S3 and not MEDIA_ROOT_SHARED
        and not CELERY_BROKER_URL.startswith(("filesystem:", "memory:"))):
    raise ImproperlyConfigured(
        f"MEDIA_ROOT_SHARED: media are stored locally in {MEDIA_ROOT} while a broker lets web "
        "processes and workers run on several hosts, and each reads the files the others "
        "wrote. Use S3 (AWS_STORAGE_BUCKET_NAME), or mount one folder as MEDIA_ROOT on every "
        "host and set MEDIA_ROOT_SHARED=1 (also on a single host: then it is shared).")

# --- API -----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.HasPrincipal"],
    "DEFAULT_SCHEMA_CLASS": "photos.dialects.schema.DialectSchema",
    # JSON only: the APIs we imitate answer a browser's Accept in JSON too (no browsable HTML
    # pages); people read the API at /api/docs
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bounded in depth and holding only text PostgreSQL can store (photos.dialects.params)
    "DEFAULT_PARSER_CLASSES": ["photos.dialects.params.JSONParser",
                               "rest_framework.parsers.FormParser",
                               "rest_framework.parsers.MultiPartParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # each token's principal has a rate; calls without a valid token count per client address
    # (accounts.throttling.RateLimitedView)
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttling.PrincipalRate"],
}

# --- Rate limits (accounts/throttling.py) ---------------------------------------------------------
# "<count>/<s|min|h|day>", or "off". Counted in the default cache (Redis when REDIS_URL is set).
# per token's principal (its application and user)
THROTTLE_RATE_TOKEN = env_rate("THROTTLE_RATE_TOKEN", "1200/min")
# per client address, for calls with no token or a refused one
THROTTLE_RATE_ANONYMOUS = env_rate("THROTTLE_RATE_ANONYMOUS", "120/min")
# failed /o/token/ requests (400, 401) per client address
THROTTLE_RATE_OAUTH_TOKEN = env_rate("THROTTLE_RATE_OAUTH_TOKEN", "20/min")
# failed sign-in attempts, per client address and per username
THROTTLE_RATE_LOGIN = env_rate("THROTTLE_RATE_LOGIN", "20/hour")
THROTTLE_KEY_PREFIX = "throttle"
# The client address is REMOTE_ADDR; behind N reverse proxies that each append to
# X-Forwarded-For, set N and the address the outermost one saw is used.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
SPECTACULAR_SETTINGS = {
    "TITLE": "Photodesk",
    "DESCRIPTION": "Self-hosted photos behind the Chatter, Zoho, Graph and generic photo APIs.",
    "VERSION": "0.1.0",
    "OAS_VERSION": "3.1.0",
    # the request and response shapes of a body differ (read-only fields, uploads)
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "TAGS": [
        {"name": "Generic photos", "description": "The generic photo resource."},
        {"name": "Graph", "description": "The Facebook Graph API dialect."},
        {"name": "Chatter", "description": "The Salesforce Chatter dialect: groups, users, "
                                           "files and their photos."},
        {"name": "Zoho CRM", "description": "Zoho CRM v2 records and their photos."},
        {"name": "Bigin", "description": "Bigin v2 records and their photos."},
        {"name": "OAuth 2", "description": "Photodesk's own OAuth 2 server."},
        {"name": "Service", "description": "The caller's token, scopes, and the service's "
                                           "health."},
    ],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "config.openapi.add_plain_paths",
                             "photos.delivery.document_conditional_requests"],
}

OAUTH2_PROVIDER_APPLICATION_MODEL = "accounts.Application"
OAUTH2_PROVIDER = {
    "OAUTH2_VALIDATOR_CLASS": "accounts.oauth.Validator",
    "SCOPES_BACKEND_CLASS": "accounts.oauth.RegistryScopes",
    "PKCE_REQUIRED": True,
    # tokens are stored as checksums only (RFC 9700): a leaked database leaks no token
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("ACCESS_TOKEN_EXPIRE_SECONDS", 3600, minimum=60),
    "REFRESH_TOKEN_EXPIRE_SECONDS": int(timedelta(days=60).total_seconds()),
    "ROTATE_REFRESH_TOKEN": True,
    # RFC 9700 (OAuth 2.0 Security BCP), every recommendation enforced: no implicit grant, no
    # password grant, S256 PKCE only (and required), the `iss` authorization-response parameter
    # (RFC 9207), a replayed refresh token revokes its whole family, exact redirect URIs.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "ALLOW_URI_WILDCARDS": False,
    # https redirect URIs only; plain http is allowed for loopback hosts alone (native apps,
    # RFC 8252 §7.3), by accounts.models.Application.get_allowed_schemes
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    # The toolkit's own protected views (introspection) refuse a token in the query string.
    # The Graph dialect, whose clients send `access_token` in the query, reads it itself
    # (accounts.authentication, on views with token_in_parameters): the only place a
    # query-string token is accepted.
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
}

# --- Photos --------------------------------------------------------------------------------------
# The upload limits of every API but Zoho's (Zoho and Bigin keep their documented 10 MB and 10 MP,
# lowered where these are lower: photos.dialects.zoho.params). The defaults take what phones and
# cameras make: a 12 MP phone photo (4032x3024) and a 24 MP camera photo (6000x4000, up to about
# 13 MB as a fine JPEG; 30 MP sensors fit too), with room to spare in bytes. Bytes alone open no
# door to a decompression bomb: the pixel limit is checked from the header before any pixel is
# decoded, and bounds what a render holds in memory (32 MP RGBA: 128 MB for a PNG; a JPEG is
# decoded at a reduced scale).
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 32 * 1024 * 1024, minimum=1)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 32_000_000, minimum=1)
FILE_MAX_BYTES = env_int("FILE_MAX_BYTES", 2 * 1024 ** 3, minimum=1)
# A token in the access_token form field (Graph clients send it with the photo) is looked for
# only in a body of known length up to this; a request with no token in its headers or query
# never makes the server read more.
FORM_TOKEN_MAX_BYTES = PHOTO_MAX_BYTES + 1024 * 1024

# Outgoing requests (webhooks, photo URLs) refuse private addresses unless a host is allowed.
OUTBOUND_ALLOWED_HOSTS = env_list("OUTBOUND_ALLOWED_HOSTS", [])
# Each secret that leaves the process has a key of its own, by default derived one-way from
# SECRET_KEY: webhook receivers hold the webhook secret, so it must sign nothing else (never
# SECRET_KEY itself, which signs sessions, nor the e-mail photo URLs' key).
WEBHOOK_SIGNING_SECRET = env_str("WEBHOOK_SIGNING_SECRET",
                                 derived_key(SECRET_KEY, "photodesk webhook signatures"))
EMAIL_PHOTO_SIGNING_KEY = env_str("EMAIL_PHOTO_SIGNING_KEY",
                                  derived_key(SECRET_KEY, "photodesk e-mail photo URLs"))
if WEBHOOK_SIGNING_SECRET in (SECRET_KEY, EMAIL_PHOTO_SIGNING_KEY):
    raise ImproperlyConfigured("WEBHOOK_SIGNING_SECRET: webhook receivers hold it, so it must "
                               "differ from SECRET_KEY and EMAIL_PHOTO_SIGNING_KEY")
# first retry of a failed webhook after this many seconds, doubling each time
WEBHOOK_RETRY_BASE_SECONDS = env_float("WEBHOOK_RETRY_BASE_SECONDS", 30.0, minimum=0)

# Every handler redacts tokens, secrets and Authorization values (config/logging_filters.py).
# Django's defaults give the "django" and "django.server" loggers unfiltered handlers of their
# own: "django" now writes through the root's, and the access log (runserver) through a
# filtered handler that keeps its format; the filter is on that logger too, so any handler
# added to it later sees the redacted line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "config.logging_filters.RedactSecrets"},
                "request_id": {"()": "config.request_id.AddRequestId"}},
    "formatters": {
        # LOG_FORMAT: every record with its request ID ("-" outside a request or task)
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "config.logging_format.JsonFormatter"},
        "django.server": {"()": "django.utils.log.ServerFormatter",
                          "format": "[{server_time}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                    "filters": ["redact_secrets", "request_id"]},
        # runserver's access log keeps its own format in text; in JSON, it is JSON too
        "django.server": {"class": "logging.StreamHandler",
                          "formatter": "django.server" if LOG_FORMAT == "text" else "json",
                          "filters": ["redact_secrets", "request_id"]},
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "filters": ["redact_secrets"],
                          "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
