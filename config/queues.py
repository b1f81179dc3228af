"""The Celery queues, in ONE place: their names, their order of priority, and where each task goes.

Four queues, named ``<QUEUE_PREFIX>.<kind>`` (``QUEUE_PREFIX``: ``photodesk`` unless the
environment says otherwise; the tests give each run its own prefix):

- ``interactive``: the render of a photo a user just uploaded, re-cropped or restored, and the
  sweeper's re-queued renders;
- ``webhooks``: webhook deliveries (each call bounded by its outbound timeout);
- ``housekeeping``: the periodic sweeps, and any task not named below (a new periodic task lands
  here without being listed);
- ``bulk``: the renders ``manage.py rerender_photos`` queues.

``KINDS`` is the order of priority. A worker given several queues (``-Q``, or none: it then reads
all four, ``CELERY_TASK_QUEUES``) asks the broker for the first non-empty one in this order on the
Redis broker (``queue_order_strategy: priority``), so a bulk run never holds back a new upload for
more than the tasks already running. Nothing can make a running task give its process up, so
webhooks get a worker of their own at any size (``docs/operations.md``).

Scripts ask for the names with ``python -m config.queues [kind ...]``, which prints them
comma-separated, ready for ``celery worker -Q``.
"""

from __future__ import annotations

import sys

INTERACTIVE, WEBHOOKS, HOUSEKEEPING, BULK = "interactive", "webhooks", "housekeeping", "bulk"
KINDS = (INTERACTIVE, WEBHOOKS, HOUSEKEEPING, BULK)

# the tasks that do not belong to housekeeping (the default); a render is interactive unless its
# sender says bulk (``send_bulk``)
ROUTES = {
    "photos.render_photo": INTERACTIVE,
    "records.deliver_webhook": WEBHOOKS,
}


def prefix() -> str:
    from django.conf import settings

    return settings.QUEUE_PREFIX


def name(kind: str, queue_prefix: str | None = None) -> str:
    if kind not in KINDS:
        raise ValueError(f"no queue kind {kind!r}: one of {', '.join(KINDS)}")
    return f"{queue_prefix if queue_prefix is not None else prefix()}.{kind}"


def names(*kinds: str, queue_prefix: str | None = None) -> list[str]:
    """The queues of ``kinds`` (all of them when none is given), in the order of priority."""
    wanted = kinds or KINDS
    for kind in wanted:
        name(kind, "")  # refuse an unknown kind
    return [name(kind, queue_prefix) for kind in KINDS if kind in wanted]


def kind_of(task_name: str) -> str:
    return ROUTES.get(task_name, HOUSEKEEPING)


def route(task_name, args, kwargs, options, task=None, **kw):
    """Celery router (``CELERY_TASK_ROUTES``): a queue given by the sender wins over this."""
    return {"queue": name(kind_of(task_name))}


def declared(queue_prefix: str) -> list:
    """``CELERY_TASK_QUEUES``: what a worker started without ``-Q`` reads, in priority order;
    each queue with its own direct exchange, as Celery makes missing queues."""
    from kombu import Exchange, Queue

    return [Queue(q, Exchange(q, type="direct"), routing_key=q)
            for q in names(queue_prefix=queue_prefix)]


def send_bulk(task, *args) -> None:
    """Queue ``task(*args)`` on the bulk queue (raises what the broker raises)."""
    task.apply_async(args=args, queue=name(BULK))


def main(argv: list[str]) -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        print(",".join(names(*argv)))
    except ValueError as exc:
        print(f"python -m config.queues: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
