"""Workers' heartbeats, read by ``/readyz``.

Every worker writes the time into the cache (Redis in production, the file cache embedded),
once per ``WORKER_HEARTBEAT_SECONDS``, for each queue it consumes. It does so from the timer of
its consumer, the event loop that also takes messages from the broker: a worker killed, hung,
or cut from the broker stops beating, and ``/readyz`` fails once the last beat is older than
``WORKER_STALE_AFTER_SECONDS``. Reading a beat is one cache read: cheaper and quicker than a
broadcast ``ping`` to every worker at each probe, and it says the same thing (a worker was
there recently) without waiting for a reply timeout when none is.

(A worker of the solo pool runs its tasks in that loop too: one busy with a task longer than
the threshold looks dead meanwhile. Production workers use the prefork pool.)
"""

import logging
import time

from celery import bootsteps

logger = logging.getLogger("photodesk.heartbeat")


def _key(queue: str) -> str:
    return f"photodesk:worker-heartbeat:{queue}"


def beat(queues, hostname: str = "") -> None:
    from django.core.cache import cache

    now = time.time()
    try:
        cache.set_many({_key(queue): now for queue in queues}, timeout=None)
    except Exception as exc:  # the cache is down: /readyz will say so; the worker goes on
        logger.warning("worker %s could not write its heartbeat: %s: %s", hostname,
                       type(exc).__name__, exc)


def age(queue: str) -> float | None:
    """Seconds since a worker of ``queue`` last beat; None when none ever did."""
    from django.core.cache import cache

    last = cache.get(_key(queue))
    return None if last is None else max(0.0, time.time() - last)


class Heartbeat(bootsteps.StartStopStep):
    """A step of the worker's consumer (``app.steps["consumer"]``)."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.timer_ref = None

    def start(self, parent):
        from django.conf import settings

        queues = sorted(queue.name for queue in parent.task_consumer.queues)
        hostname = parent.hostname
        beat(queues, hostname)
        self.timer_ref = parent.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, beat, (queues, hostname), priority=10)

    def stop(self, parent):
        if self.timer_ref is not None:
            self.timer_ref.cancel()
            self.timer_ref = None

    shutdown = stop
