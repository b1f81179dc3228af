"""What happens once a new photo has rendered (records.services.finish_photo_change, the
worker's task): older photos go, a failed one leaves the old in place, workflows fire once."""

import pytest

from photos import services as photo_services
from photos.models import Photo
from records import services
from records.models import WebhookDelivery, WorkflowRule
from tests.records import images

pytestmark = pytest.mark.django_db


def photo(record, status):
    made = photo_services.create_photo(images.png(), owner=record.owner, target=record)
    Photo.objects.filter(pk=made.pk).update(status=status)
    made.refresh_from_db()
    return made


def remaining(record):
    return list(photo_services.photos_of(record).order_by("pk").values_list("pk", flat=True))


def test_a_ready_photo_drops_older_ones_but_not_newer(org):
    record = org.record()
    old, new, newer = (photo(record, s) for s in ("ready", "ready", "pending"))
    assert services.finish_photo_change(record.pk, new.pk, True) == "ready"
    assert remaining(record) == [new.pk, newer.pk]


def test_a_photo_still_rendering_waits(org):
    record = org.record()
    old, new = photo(record, "ready"), photo(record, "processing")
    assert services.finish_photo_change(record.pk, new.pk, True) == "waiting"
    assert remaining(record) == [old.pk, new.pk]


def test_a_failed_photo_leaves_the_previous_one_in_place(org):
    record = org.record()
    WorkflowRule.objects.create(module=record.module, name="r", webhook_url="http://127.0.0.1/x")
    old, new = photo(record, "ready"), photo(record, "failed")
    assert services.finish_photo_change(record.pk, new.pk, True) == "failed"
    assert remaining(record) == [old.pk]
    assert photo_services.current_photo(record) == old
    assert not WebhookDelivery.objects.exists()  # nothing changed: nothing announced


def test_a_photo_deleted_meanwhile_is_not_announced(org):
    record = org.record()
    WorkflowRule.objects.create(module=record.module, name="r", webhook_url="http://127.0.0.1/x")
    assert services.finish_photo_change(record.pk, 10**9, True) == "gone"
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("run_workflows", [True, False])
def test_workflows_fire_once_per_rule_unless_restricted(org, run_workflows):
    record = org.record()
    active = WorkflowRule.objects.create(module=record.module, name="a",
                                         webhook_url="http://127.0.0.1/a")
    WorkflowRule.objects.create(module=record.module, name="off", is_active=False,
                                webhook_url="http://127.0.0.1/b")
    WorkflowRule.objects.create(module=record.module, name="delete only",
                                on_photo_upload=False, webhook_url="http://127.0.0.1/c")
    new = photo(record, "ready")
    services.finish_photo_change(record.pk, new.pk, run_workflows)
    services.finish_photo_change(record.pk, new.pk, run_workflows)  # a task run twice
    expected = [active.pk] if run_workflows else []
    assert list(WebhookDelivery.objects.values_list("rule_id", flat=True)) == expected
