"""Tasks really travel through a broker to a separate worker process and back."""

import os
import subprocess
import sys

import pytest

from config.celery import ping

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.django_db(transaction=True)
def test_task_travels_through_redis_to_the_worker_and_back(celery_worker):
    result = ping.delay("hello").get(timeout=30)
    assert result["pong"] == "hello"
    assert result["pid"] == celery_worker.pid  # answered by the worker process, not eagerly


def test_embedded_filesystem_queue_runs_a_real_worker(tmp_path):
    """With no variable set, a worker process and a client share kombu's filesystem queue."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env = {**keep, "DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        client = subprocess.run(
            [sys.executable, "-c",
             "from config.celery import app, ping; import os; "
             "assert app.conf.broker_url == 'filesystem://'; "
             "r = ping.delay('embedded').get(timeout=40); "
             "print(r['pong'], r['pid'] != os.getpid())"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=90,
        )
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    assert client.returncode == 0, client.stderr
    assert client.stdout.split() == ["embedded", "True"]
