"""The queue names come from one prefix, in one order of priority, for every process and script."""

import os
import subprocess
import sys

from config import queues
from config.celery import app
from tests.support.processes import ROOT


def names_printed(*kinds, **variables):
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return subprocess.run([sys.executable, "-m", "config.queues", *kinds], cwd=ROOT,
                          env={**keep, **variables}, capture_output=True, text=True, timeout=60)


def test_scripts_get_the_queues_to_read_in_their_order_of_priority(tmp_path):
    printed = names_printed(DATA_DIR=str(tmp_path), QUEUE_PREFIX="acme")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == "acme.interactive,acme.webhooks,acme.housekeeping,acme.bulk"
    # asked in any order, they come in the order of priority
    printed = names_printed("bulk", "interactive", DATA_DIR=str(tmp_path), QUEUE_PREFIX="acme")
    assert printed.stdout.strip() == "acme.interactive,acme.bulk"


def test_an_unknown_queue_kind_is_refused_naming_the_kinds(tmp_path):
    printed = names_printed("renders", DATA_DIR=str(tmp_path))
    assert printed.returncode == 2
    assert "renders" in printed.stderr and "interactive, webhooks, housekeeping, bulk" in \
        printed.stderr


def test_tasks_go_to_their_queue_and_anything_new_to_housekeeping(settings):
    settings.QUEUE_PREFIX = "acme"
    router = app.amqp.router
    assert router.route({}, "photos.render_photo")["queue"].name == "acme.interactive"
    assert router.route({}, "records.deliver_webhook")["queue"].name == "acme.webhooks"
    for periodic in ("photos.sweep", "records.sweep_webhooks", "photos.some_new_cleanup"):
        assert router.route({}, periodic)["queue"].name == "acme.housekeeping"
    # what the sender names wins: rerender_photos sends its renders to the bulk queue
    assert router.route({"queue": queues.name(queues.BULK)},
                        "photos.render_photo")["queue"].name == "acme.bulk"


def test_a_worker_started_without_a_queue_list_reads_all_four_in_priority_order(settings):
    assert [queue.name for queue in app.conf.task_queues] == queues.names(
        queue_prefix=settings.QUEUE_PREFIX)
