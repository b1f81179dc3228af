"""Loaded into the test worker process (``celery worker --include tests.worker_hooks``).

Test flushes recreate content types with new IDs; a long-lived worker would keep the old IDs in
ContentType's cache and miss every generic target after the first transactional test.
"""

from celery.signals import task_prerun


@task_prerun.connect
def fresh_content_types(**kwargs):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
