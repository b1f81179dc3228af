"""Schemathesis against a live server, one bounded run per dialect (all five at once): every
response it gets, to data the document says is valid and to data it says is not, must be
documented (status, body, headers) and never a 5xx (``--checks all``, a fixed seed).

Each dialect's operations are picked by path; a run is bounded by ``--max-examples`` and
``--max-time``. Per-operation settings (statuses a check expects for an upload whose bytes no
schema can make valid, say) are in ``schemathesis.toml`` beside this file.
"""

import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
# dialect -> the paths its run covers (a regular expression over the document's paths)
RUNS = {
    "generic": r"^/(photo|photos|[a-z]+/\{[^}]+\}/photos|media/.*)",
    "graph": r"^/((\{version\}/)?\{object_id\}|\{version\}/$)",
    "chatter": r"^/(services|profilephoto|ncsphoto)",
    "zoho": r"^/(crm|bigin)/",
    # not /readyz: with no worker in this run it answers its documented 503, which schemathesis
    # counts as a server error (both its bodies are checked in test_oauth_documented.py)
    "service": r"^/(o/|healthz|api/|accounts/)",
}

# a check a dialect's answers contradict by design, with the reason: a per-operation setting in
# schemathesis.toml cannot turn a check off, as `--checks all` on the command line wins over it
EXCLUDED_CHECKS = {
    # Graph refuses a request without a token, or with an invalid one, with 400 (OAuthException
    # #104, #190, #2500), as Facebook's Graph does (tests/photos/graph/test_errors.py asserts it);
    # ignored_auth takes only 401 or 403 for a refusal
    "graph": ["ignored_auth"],
}


@pytest.fixture
def schemathesis_token(make_user, make_workspace, make_token):
    from accounts import scopes

    user = make_user()
    make_workspace(members=[user])
    granted = [scope for scope in scopes.FIXED if not scopes.is_privileged(scope)]
    return make_token(granted, user=user)


# Seconds each run may take. The runs go at once, against the one live server: on two cores a
# run alone leaves one of them idle (its client and the server take turns), so five runs at once
# for 120 s each get about the examples that five runs one after the other got in 60 s each, in
# well under half the time.
MAX_TIME = 120


def command(dialect: str, url: str, token: str) -> list[str]:
    st = Path(sys.executable).with_name("st")
    return [
        str(st), "--config-file", str(HERE / "schemathesis.toml"), "run",
        f"{url}/api/schema", "--url", url,
        "--include-path-regex", RUNS[dialect],
        "--checks", "all",
        *(["--exclude-checks", ",".join(EXCLUDED_CHECKS[dialect])]
          if dialect in EXCLUDED_CHECKS else []),
        "--seed", "20261129", "--max-examples", "10", "--max-time", str(MAX_TIME),
        "--workers", "1", "--request-timeout", "20", "--no-color",
        "--generation-database", "none",
        "-H", f"Authorization: Bearer {token}",
    ]


@pytest.mark.schemathesis
def test_schemathesis_finds_nothing_undocumented(live_server, schemathesis_token, tmp_path):
    runs = {}
    try:
        for dialect in sorted(RUNS):
            folder = tmp_path / dialect
            folder.mkdir()
            log = (folder / "st.log").open("w+")
            runs[dialect] = log, subprocess.Popen(
                command(dialect, live_server.url, schemathesis_token), stdout=log,
                stderr=subprocess.STDOUT, text=True, cwd=folder)
        deadline = time.monotonic() + MAX_TIME + 240
        failed = {}
        for dialect, (log, run) in runs.items():
            try:
                code = run.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                code = "still running past its deadline"
            if code != 0:
                log.seek(0)
                failed[dialect] = f"exit {code}\n{log.read()[-20000:]}"
    finally:
        for log, run in runs.values():
            if run.poll() is None:
                run.kill()
                run.wait()
            log.close()
    assert not failed, "\n\n".join(f"===== {dialect} =====\n{text}"
                                     for dialect, text in failed.items())
