"""``/readyz`` with real processes: a web server and a worker, the worker SIGKILLed and started
again. The heartbeat's deadlines are made short (a beat every 0.5 s, stale after 3 s) so the
test takes seconds; production's are 10 s and 45 s (under a minute)."""

import pytest
import requests

from tests.support.waiting import wait_until

HEARTBEAT = {"WORKER_HEARTBEAT_SECONDS": "0.5", "WORKER_STALE_AFTER_SECONDS": "3"}


def readiness(stack):
    response = requests.get(f"{stack.url}/readyz", timeout=10)
    body = response.json()
    return response.status_code, {name: check["ok"] for name, check in body["checks"].items()}


@pytest.mark.django_db(transaction=True)
def test_readyz_follows_the_worker_killed_and_started_again(stack):
    stack.configure(**HEARTBEAT)
    stack.web()
    worker = stack.worker()
    assert wait_until(lambda: readiness(stack)[0] == 200, 15, "ready with a worker") \
        and readiness(stack) == (200, {"database": True, "broker": True, "worker": True,
                                       "storage": True}), stack.logs()
    assert requests.get(f"{stack.url}/healthz", timeout=10).json() == {"status": "ok"}

    worker.kill()  # SIGKILL: no shutdown of any kind
    # stale after 3 s: 503 well within the bound (production's bound is a minute)
    wait_until(lambda: readiness(stack)[0] == 503, 10, "503 once the worker is dead")
    status, checks = readiness(stack)
    assert (status, checks) == (503, {"database": True, "broker": True, "worker": False,
                                      "storage": True})
    # liveness is the process's own: a dead worker is no reason to restart the web server
    assert requests.get(f"{stack.url}/healthz", timeout=10).status_code == 200
    assert "health check worker failed" in stack.services[0].output()

    stack.worker()
    wait_until(lambda: readiness(stack)[0] == 200, 15, "ready again once a worker is back")
