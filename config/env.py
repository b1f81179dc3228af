"""Reading settings from the environment (12-factor), failing at start with the variable's name.

Every reader raises ``ImproperlyConfigured("NAME: what is wrong")`` on a bad value, so a
misconfigured deployment stops at once and says which variable to fix.
"""

import hashlib
import hmac
import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, environ=None) -> str | None:
    value = (os.environ if environ is None else environ).get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None, environ=None) -> str | None:
    value = _raw(name, environ)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool = False, environ=None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}: expected a boolean (true/false, 1/0), got {value!r}")


def env_int(name: str, default: int, environ=None, minimum: int | None = None) -> int:
    value = _raw(name, environ)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected an integer, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {number}")
    return number


def env_float(name: str, default: float, environ=None, minimum: float | None = None) -> float:
    value = _raw(name, environ)
    if value in (None, ""):
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a number, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {number}")
    return number


_RATE_PERIODS = {"s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day"}


def env_rate(name: str, default: str, environ=None) -> str:
    """A request rate, ``<count>/<period>`` (``s``, ``min``, ``h`` or ``day``) as DRF's
    throttles read it, or ``off``."""
    value = env_str(name, default, environ)
    if value.lower() == "off":
        return "off"
    count, _, period = value.partition("/")
    if not (count.strip().isdigit() and int(count) > 0
            and period.strip().lower() in _RATE_PERIODS):
        raise ImproperlyConfigured(f"{name}: expected <count>/<s|min|h|day> or off, got {value!r}")
    return f"{int(count)}/{period.strip().lower()}"


def derived_key(secret: str, label: str) -> str:
    """A key for one use only, derived one-way from ``secret`` (HMAC-SHA256 keyed with it, over
    ``label``): whoever holds it learns neither ``secret`` nor a key derived for another label."""
    return hmac.new(secret.encode(), label.encode(), hashlib.sha256).hexdigest()


def env_list(name: str, default: list[str], environ=None) -> list[str]:
    value = _raw(name, environ)
    if value in (None, ""):
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, schemes: set[str], environ=None) -> str | None:
    """A URL whose scheme must be one of ``schemes``; None when unset."""
    value = _raw(name, environ)
    if value in (None, ""):
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(
            f"{name}: scheme {parts.scheme or '(none)'!r} is not one of {allowed} in {value!r}"
        )
    if parts.scheme not in {"sqlite", "filesystem", "memory"} and not parts.hostname:
        raise ImproperlyConfigured(f"{name}: no host in {value!r}")
    return value


def database_config(environ=None, default_sqlite_path: str = "db.sqlite3") -> dict:
    import dj_database_url

    url = env_url(
        "DATABASE_URL", {"postgres", "postgresql", "pgsql", "sqlite"}, environ=environ
    )
    if url is None:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": default_sqlite_path,
            # several processes (server and worker) share the file
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL: {exc}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL: no database name in {url!r}")
    return config


MB = 1024 * 1024
S3_VARIABLES = ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_REGION_NAME", "AWS_S3_ENDPOINT_URL",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")


def storage_config(media_root: str, environ=None) -> dict:
    """Local folder by default; S3 (django-storages) as soon as a bucket is named."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME", environ=environ)
    if bucket is None:
        for name in S3_VARIABLES[1:]:
            if env_str(name, environ=environ):
                raise ImproperlyConfigured(
                    f"AWS_STORAGE_BUCKET_NAME: must be set when {name} is set"
                )
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media_root},
        }
    access = env_str("AWS_ACCESS_KEY_ID", environ=environ)
    secret = env_str("AWS_SECRET_ACCESS_KEY", environ=environ)
    if bool(access) != bool(secret):
        missing = "AWS_SECRET_ACCESS_KEY" if access else "AWS_ACCESS_KEY_ID"
        raise ImproperlyConfigured(f"{missing}: set both access key variables, or neither")
    from boto3.s3.transfer import TransferConfig

    # a large upload goes in 8 MB parts, at most 4 read into memory at once (boto3 reads each
    # part of a file object into memory; by default 10): a 2 GB Chatter file costs the web
    # process 32 MB, as a 20 MB one does
    transfer = TransferConfig(multipart_threshold=8 * MB, multipart_chunksize=8 * MB,
                              max_concurrency=4)
    transfer.max_in_memory_upload_chunks = 4
    options = {
        "bucket_name": bucket,
        "region_name": env_str("AWS_S3_REGION_NAME", environ=environ),
        "endpoint_url": env_url("AWS_S3_ENDPOINT_URL", {"http", "https"}, environ=environ),
        "access_key": access,
        "secret_key": secret,
        "default_acl": None,
        # keys are random and new (photos.storage): asking whether one exists before each
        # write would cost a HEAD request per upload and per rendition for nothing
        "file_overwrite": True,
        "querystring_auth": True,
        "transfer_config": transfer,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300, environ=environ,
                                      minimum=1),
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {k: v for k, v in options.items() if v is not None},
    }
