"""Settings come from the environment; a bad value stops the start with the variable's name."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start_with(**variables):
    """Import the real settings in a fresh interpreter with only these variables set."""
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT")}
    return subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'config.settings'; django.setup(); from django.conf import settings; "
         "print(settings.DATABASES['default']['ENGINE']); print(settings.CELERY_BROKER_URL); "
         "print(settings.STORAGES['default']['BACKEND'])"],
        cwd=ROOT, env={**keep, **variables}, capture_output=True, text=True, timeout=60,
    )


def test_embedded_defaults_need_no_service(tmp_path):
    result = start_with(DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    engine, broker, storage = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert broker == "filesystem://"
    assert storage == "django.core.files.storage.FileSystemStorage"


def test_service_urls_move_the_same_code_onto_postgres_redis_and_s3(tmp_path):
    result = start_with(
        DATA_DIR=str(tmp_path), DATABASE_URL="postgres://u@db.example:5432/photodesk",
        REDIS_URL="redis://cache.example:6379/1", AWS_STORAGE_BUCKET_NAME="photos",
        AWS_S3_REGION_NAME="eu-west-1",
    )
    assert result.returncode == 0, result.stderr
    engine, broker, storage = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert broker == "redis://cache.example:6379/1"
    assert storage == "storages.backends.s3.S3Storage"


@pytest.mark.parametrize("variable, value", [
    ("DATABASE_URL", "mysql-ish://nowhere"),
    ("DATABASE_URL", "postgres:///"),
    ("REDIS_URL", "http://cache.example"),
    ("DEBUG", "perhaps"),
    ("ACCESS_TOKEN_EXPIRE_SECONDS", "soon"),
    ("AWS_S3_REGION_NAME", "eu-west-1"),  # S3 settings without a bucket
    ("OUTBOUND_ALLOWED_HOSTS", "hooks.example:http"),
    ("WORKER_STALE_AFTER_SECONDS", "15"),  # not more than twice the 10 s heartbeat
    ("LOG_FORMAT", "xml"),
    ("MEDIA_URLS", "redirect"),  # redirects to presigned URLs need S3
    ("QUEUE_PREFIX", "photos desk"),
    ("CELERY_TASK_DEFAULT_QUEUE", "photodesk"),  # replaced by QUEUE_PREFIX: never ignored
    ("SECURE_HSTS_SECONDS", "a year"),
    ("SECURE_SSL_REDIRECT", "sometimes"),
    ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https"),  # a name, not a header line
])
def test_misconfiguration_fails_at_start_naming_the_variable(tmp_path, variable, value):
    result = start_with(DATA_DIR=str(tmp_path), **{variable: value})
    assert result.returncode != 0
    expected = "AWS_STORAGE_BUCKET_NAME" if variable == "AWS_S3_REGION_NAME" else variable
    assert f"ImproperlyConfigured: {expected}:" in result.stderr


def test_half_a_pair_of_s3_keys_is_refused():
    with pytest.raises(ImproperlyConfigured, match="AWS_SECRET_ACCESS_KEY"):
        env.storage_config("/tmp/m", environ={"AWS_STORAGE_BUCKET_NAME": "b",
                                             "AWS_ACCESS_KEY_ID": "AKIA"})


def test_readers_parse_values():
    environ = {"FLAG": "yes", "N": "42", "LIST": "a, b,,c"}
    assert env.env_bool("FLAG", environ=environ) is True
    assert env.env_int("N", 0, environ=environ) == 42
    assert env.env_list("LIST", [], environ=environ) == ["a", "b", "c"]
    assert env.env_int("MISSING", 7, environ=environ) == 7


def test_the_embedded_data_folder_and_its_secrets_are_private(tmp_path):
    """A first start in a new DATA_DIR, as scripts/serve does it (a usual umask of 022): the
    folder, the generated secret key and the SQLite database are this user's alone."""
    data_dir = tmp_path / "new" / "data"
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT")}
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
            "django.setup(); from django.db import connection; "
            "connection.cursor().execute('CREATE TABLE probe (x INTEGER)')")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60,
                            env={**keep, "DATA_DIR": str(data_dir)}, capture_output=True,
                            text=True, preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr
    for path in (data_dir, data_dir / "secret_key", data_dir / "photodesk.sqlite3"):
        assert path.exists()
        assert path.stat().st_mode & 0o077 == 0, f"{path}: {oct(path.stat().st_mode)}"
    assert (data_dir / "secret_key").read_text().strip()


def test_local_media_behind_a_broker_must_be_declared_shared(tmp_path):
    # a broker lets workers run on other hosts: each would miss the files the others wrote
    broker = {"DATA_DIR": str(tmp_path), "REDIS_URL": "redis://cache.example:6379/1"}
    refused = start_with(**broker)
    assert refused.returncode != 0
    assert "ImproperlyConfigured: MEDIA_ROOT_SHARED: media are stored locally" in refused.stderr
    assert start_with(**broker, MEDIA_ROOT_SHARED="1").returncode == 0
    assert start_with(**broker, AWS_STORAGE_BUCKET_NAME="photos").returncode == 0


def test_a_worker_on_local_unshared_media_stops_at_start_saying_why(tmp_path):
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"], cwd=ROOT,
        env={**keep, "DATA_DIR": str(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0"},
        capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "MEDIA_ROOT_SHARED" in result.stdout + result.stderr
