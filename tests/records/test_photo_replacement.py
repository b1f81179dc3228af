"""What a record hears once one of its photos has rendered (the record target type's
``photo_ready``/``photo_failed``, run by the render in the transaction that records the
outcome): older photos go, a failed one leaves the old in place, workflows fire once, and this
whichever API attached the photo."""

import pytest

from photos import services as photo_services
from photos.models import Photo
from records.models import WebhookDelivery, WorkflowRule
from tests.support.images import png_bytes

pytestmark = pytest.mark.django_db


def photo(record, status, **fields):
    made = photo_services.create_photo(png_bytes(120, 80), owner=record.owner, target=record,
                                       **fields)
    Photo.objects.filter(pk=made.pk).update(status=status)
    made.refresh_from_db()
    return made


def remaining(record):
    return list(photo_services.photos_of(record).order_by("pk").values_list("pk", flat=True))


def rule(record, name="r", **fields):
    return WorkflowRule.objects.create(module=record.module, name=name,
                                       webhook_url=f"http://127.0.0.1/{name}", **fields)


def test_a_ready_photo_drops_older_ones_but_not_newer(org):
    record = org.record()
    old, new, newer = (photo(record, s) for s in ("ready", "pending", "pending"))
    assert photo_services.render_photo(new.pk).status == "ready"
    assert remaining(record) == [new.pk, newer.pk]


def test_a_photo_still_rendering_leaves_the_current_one(org):
    record = org.record()
    old, new = photo(record, "ready"), photo(record, "processing")
    assert remaining(record) == [old.pk, new.pk]
    assert photo_services.current_photo(record) == old


def test_a_failed_photo_leaves_the_previous_one_in_place(org):
    record = org.record()
    rule(record)
    old, new = photo(record, "ready"), photo(record, "pending")
    assert photo_services.mark_failed(new.pk, "The image is damaged.") is None  # it went
    assert remaining(record) == [old.pk]
    assert photo_services.current_photo(record) == old
    assert not WebhookDelivery.objects.exists()  # nothing changed: nothing announced


def test_a_photo_deleted_while_rendering_is_not_announced(org):
    record = org.record()
    rule(record)
    new = photo(record, "pending")
    photo_services.delete_photo(new)
    assert photo_services.render_photo(new.pk) is None
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("run_workflows", [True, False])
def test_workflows_fire_once_per_rule_unless_restricted(org, run_workflows):
    record = org.record()
    active = rule(record, "a")
    rule(record, "off", is_active=False)
    rule(record, "delete-only", on_photo_upload=False)
    new = photo(record, "pending", run_triggers=run_workflows)
    photo_services.render_photo(new.pk)
    photo_services.render_photo(new.pk, force=True)  # a re-render announces nothing again
    expected = [active.pk] if run_workflows else []
    assert list(WebhookDelivery.objects.values_list("rule_id", flat=True)) == expected


def test_a_photo_published_through_the_generic_api_runs_the_workflows(org):
    """The record's own rules apply whichever API attached the photo (generic ``PUT`` or
    ``POST /record/{id}/photos`` go through ``photos.services``, not ``records.services``)."""
    record = org.record()
    active = rule(record, "a")
    temporary = photo_services.create_photo(png_bytes(120, 80), owner=record.owner)
    photo_services.attach(temporary, record)
    photo_services.render_photo(temporary.pk)
    assert list(WebhookDelivery.objects.values_list("rule_id", flat=True)) == [active.pk]


@pytest.mark.parametrize("rendered_first", [False, True])
def test_attaching_a_temporary_photo_runs_the_workflows_once(org, rendered_first):
    """Whether the temporary photo was still rendering or already ready when it was attached,
    the record hears of it once it is ready as the record's photo: the older photo goes and
    the workflows run, once."""
    record = org.record()
    active = rule(record, "a")
    old = photo(record, "ready")
    temporary = photo_services.create_photo(png_bytes(120, 80), owner=record.owner)
    if rendered_first:
        photo_services.render_photo(temporary.pk)
        temporary.refresh_from_db()  # as PUT /photo/{id} reads it, under its lock
    photo_services.attach(temporary, record)
    photo_services.render_photo(temporary.pk)  # the record's set (queued by attach)
    photo_services.render_photo(temporary.pk, force=True)  # a re-render announces nothing
    assert list(WebhookDelivery.objects.values_list("rule_id", flat=True)) == [active.pk]
    assert remaining(record) == [temporary.pk]
    assert old.pk not in remaining(record)


def test_attaching_a_ready_photo_to_a_target_of_the_same_set_tells_it_at_once(org):
    """No render follows when the target's set is the photo's own: the target hears at once."""
    record = org.record()
    rule(record, "a")
    temporary = photo_services.create_photo(png_bytes(120, 80), owner=record.owner, spec_set="zoho")
    photo_services.render_photo(temporary.pk)
    temporary.refresh_from_db()
    photo_services.attach(temporary, record)
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_download_during_a_replacement_finds_the_old_photo_or_the_new_never_none(org):
    """The replacement (the new photo ready, the old deleted, one transaction) commits from
    another connection right after the download's first statement: what it reads must still be
    one photo with its renditions."""
    import threading

    from django.db import connection

    from records import services as record_services

    record = org.record()
    old = photo(record, "pending")
    photo_services.render_photo(old.pk)
    new = photo(record, "pending")
    replaced = []

    def replace():  # on the thread's own connection, closed after
        try:
            photo_services.render_photo(new.pk)
        finally:
            connection.close()

    def replace_after_the_first_photo_statement(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not replaced and '"photos_photo"' in sql:
            replaced.append(True)
            thread = threading.Thread(target=replace)
            thread.start()
            thread.join()
        return result

    with connection.execute_wrapper(replace_after_the_first_photo_statement):
        rendition = record_services.download_photo(record)
    assert replaced and not Photo.objects.filter(pk=old.pk).exists()  # it did happen between
    assert rendition is not None
    assert rendition.photo_id in (old.pk, new.pk) and rendition.spec == "original"
