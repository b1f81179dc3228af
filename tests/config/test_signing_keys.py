"""Every secret that leaves the process has a key of its own: the webhook secret (held by webhook
receivers) and the e-mail photo URLs' key are derived one-way from SECRET_KEY unless set, so
holding one opens nothing else."""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = ("SECRET_KEY", "WEBHOOK_SIGNING_SECRET", "EMAIL_PHOTO_SIGNING_KEY")


def keys_with(tmp_path, **variables):
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT")}
    result = subprocess.run(
        [sys.executable, "-c", "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'config.settings'; django.setup(); from django.conf import settings; "
         f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"],
        cwd=ROOT, env={**keep, "DATA_DIR": str(tmp_path), **variables}, capture_output=True,
        text=True, timeout=60,
    )
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


def test_the_webhook_and_e_mail_keys_are_derived_apart_from_the_secret_key(tmp_path):
    result, keys = keys_with(tmp_path, SECRET_KEY="s3cret-for-tests")
    assert result.returncode == 0, result.stderr
    values = [keys[name] for name in NAMES]
    assert len(set(values)) == 3
    assert all("s3cret-for-tests" not in value for value in values[1:])
    # the same secret key gives the same keys at every start; another gives others
    assert keys_with(tmp_path, SECRET_KEY="s3cret-for-tests")[1] == keys
    other = keys_with(tmp_path, SECRET_KEY="another-secret")[1]
    assert other["WEBHOOK_SIGNING_SECRET"] != keys["WEBHOOK_SIGNING_SECRET"]
    assert other["EMAIL_PHOTO_SIGNING_KEY"] != keys["EMAIL_PHOTO_SIGNING_KEY"]


def test_each_key_can_be_set_from_the_environment(tmp_path):
    result, keys = keys_with(tmp_path, SECRET_KEY="s3cret-for-tests",
                             WEBHOOK_SIGNING_SECRET="given-to-receivers",
                             EMAIL_PHOTO_SIGNING_KEY="kept-for-e-mail-urls")
    assert result.returncode == 0, result.stderr
    assert keys["WEBHOOK_SIGNING_SECRET"] == "given-to-receivers"
    assert keys["EMAIL_PHOTO_SIGNING_KEY"] == "kept-for-e-mail-urls"


def test_a_webhook_secret_equal_to_another_key_stops_the_start(tmp_path):
    for shared in ({"WEBHOOK_SIGNING_SECRET": "s3cret-for-tests"},
                   {"WEBHOOK_SIGNING_SECRET": "same", "EMAIL_PHOTO_SIGNING_KEY": "same"}):
        result, _ = keys_with(tmp_path, SECRET_KEY="s3cret-for-tests", **shared)
        assert result.returncode != 0
        assert "WEBHOOK_SIGNING_SECRET" in result.stderr
