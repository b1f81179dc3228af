"""Handing tasks to the broker without ever losing the work or hanging the caller.

The database is the record of what has to be done (a pending photo, a pending webhook
delivery); the broker only carries the news. So a task is sent after the transaction that
recorded the work commits, a broker that is down or hung costs the caller the bounded publish
timeouts of the settings (``BROKER_TIMEOUT_SECONDS``) and a logged warning, never an error, and
the sweeper (a periodic task) sends again whatever was not sent or never ran.
"""

from __future__ import annotations

import logging
import random
from functools import partial

from django.db import transaction

logger = logging.getLogger("photodesk.queue")


def send(task, *args, **options) -> bool:
    """Send ``task(*args)`` now; False when the broker did not take it (logged, not raised)."""
    try:
        task.apply_async(args=args, **options)
    except Exception as exc:  # whatever the transport raises, the work is recorded elsewhere
        logger.warning("could not queue %s%r: %s: %s (the sweeper will queue it)", task.name,
                       args, type(exc).__name__, exc)
        return False
    return True


def send_on_commit(task, *args, sent=None, **options) -> None:
    """Send ``task(*args)`` once the current transaction commits (at once outside one), then
    call ``sent()`` if the broker took it. Nothing it does can fail the committed request."""
    transaction.on_commit(partial(_send_then, task, args, options, sent), robust=True)


def _send_then(task, args, options, sent) -> None:
    if send(task, *args, **options) and sent is not None:
        sent()


def backoff(base: float, step: int, cap: float, jitter: tuple[float, float]) -> float:
    """Seconds before a retry: ``base`` doubled ``step`` times, at most ``cap``, times a random
    factor in ``jitter`` (so that retries of work that failed together spread out)."""
    return min(base * 2 ** step, cap) * random.uniform(*jitter)
