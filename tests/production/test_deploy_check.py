"""``manage.py check --deploy`` under the production environment (HTTPS settings on, DEBUG off, a
real secret key) has nothing to say: Django's security checks, django-oauth-toolkit's RFC 9700
checks and drf-spectacular's alike."""

import os
import secrets
import subprocess
import sys

from tests.support.processes import ROOT

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "PHOTODESK_REQUIRE_SECRET_KEY": "1",
    "ALLOWED_HOSTS": "photos.example.com",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_COOKIES": "1",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "CSRF_TRUSTED_ORIGINS": "https://photos.example.com",
    "CORS_ALLOWED_ORIGINS": "https://app.example.com",
}


def check_deploy(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT,
                          env={**environ, **PRODUCTION, "DATA_DIR": str(tmp_path), **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_prints_no_warning_under_the_production_environment(tmp_path):
    done = check_deploy(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced).", done.stdout
    assert done.stderr == ""


def test_check_deploy_names_what_the_operator_left_off(tmp_path):
    # the same check does speak up: without HTTPS settings it names each of them
    done = check_deploy(tmp_path, SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0",
                        SECURE_COOKIES="0")
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in done.stdout + done.stderr
