"""Loaded into the test worker process (``celery worker --include tests.worker_hooks``).

Test flushes recreate content types with new IDs; a long-lived worker would keep the old IDs in
ContentType's cache and miss every generic target after the first transactional test.
"""

from celery.signals import task_prerun


@task_prerun.connect
def fresh_content_types(**kwargs):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


# --- slow writes, for the fault tests: a window in which a render has written some of its files
# and committed nothing, long enough for a test to kill the worker or drop its database
# connection at that moment (PHOTODESK_TEST_SLOW_WRITES seconds after each rendition file)
def _slow_writes(seconds: float):
    import time

    from photos import storage

    save_bytes = storage.save_bytes

    def slow(key, data):
        stored = save_bytes(key, data)
        time.sleep(seconds)
        return stored

    storage.save_bytes = slow


_installed = []


@task_prerun.connect
def install_slow_writes(**kwargs):
    import os

    if not _installed and os.environ.get("PHOTODESK_TEST_SLOW_WRITES"):
        _slow_writes(float(os.environ["PHOTODESK_TEST_SLOW_WRITES"]))
    _installed.append(True)
