"""Operations on modules, records and their photos, in the domain's words.

Views call these; they raise the typed errors of ``photos.errors``.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from photos import errors, imaging, queue
from photos import services as photo_services
from photos.dialects.params import numeric_id
from photos.dialects.zoho import params as zoho
from photos.models import Photo
from records import permissions, standard
from records.models import API_NAME_RE, Module, Record, WebhookDelivery, WorkflowRule

logger = logging.getLogger("photodesk.records")

MAX_RECORDS_PER_INSERT = 100
MAX_RECORD_BYTES = 64 * 1024


# --- modules ------------------------------------------------------------------------------------
def ensure_standard_modules(workspace_id: int) -> None:
    standard.create_for(workspace_id, Module)


def find_module(workspace, product: str, api_name: str, param: str | None = None) -> Module:
    """The module of ``workspace`` named ``api_name`` (case-insensitive, as Zoho's URLs).

    Standard modules are made when a workspace is created (and by the data migration for older
    ones); a miss on a standard name makes them here too, for workspaces created around the ORM
    (fixtures, bulk inserts). ``param``: the request parameter that named the module, if not
    the path.
    """
    if not API_NAME_RE.fullmatch(api_name):  # no such name can exist (nor reach the database)
        raise errors.ModuleUnknown(api_name, param=param)
    lookup = Module.objects.filter(workspace=workspace, product=product,
                                   api_name__iexact=api_name)
    module = lookup.first()
    if module is None and any(row["product"] == product and row["api_name"].lower()
                              == api_name.lower() for row in standard.STANDARD_MODULES):
        ensure_standard_modules(workspace.pk)
        module = lookup.first()
    if module is None:
        raise errors.ModuleUnknown(api_name, param=param)
    if not module.api_supported:
        raise errors.ModuleNotInAPI(api_name, param=param)
    return module


# --- metadata -----------------------------------------------------------------------------------
# IDs of modules and fields, derived from the module's key (Zoho's are long numeric strings)
_METADATA_ID_BASE = 4_000_000_000_000_000_000


def module_id(module: Module) -> str:
    return str(_METADATA_ID_BASE + module.pk * 1000)


def field_id(module: Module, index: int) -> str:
    return str(_METADATA_ID_BASE + module.pk * 1000 + 1 + index)


def modules_of(workspace, product: str) -> list[Module]:
    """The workspace's modules of ``product``: the standard ones in Zoho's order, then the
    custom ones, oldest first."""
    ensure_standard_modules(workspace.pk)
    order = [row["api_name"] for row in standard.STANDARD_MODULES if row["product"] == product]
    found = Module.objects.filter(workspace=workspace, product=product)
    return sorted(found, key=lambda module: (
        (0, order.index(module.api_name), 0) if not module.is_custom and module.api_name in order
        else (1, 0, module.pk)))


# --- records ------------------------------------------------------------------------------------
def find_record(module: Module, record_id: str) -> Record:
    """The record ``record_id`` of ``module``; anything else (another module's, another
    workspace's, malformed) is the same "invalid id"."""
    zoho_id = numeric_id(record_id)
    if zoho_id is None:
        raise errors.RecordUnknown()
    record = (Record.objects.select_related("module", "owner", "created_by", "modified_by")
              .filter(module=module, zoho_id=zoho_id).first())
    if record is None:
        raise errors.RecordUnknown()
    return record


def records_of(module: Module):
    """The module's records, oldest first (a dialect's paginator slices them)."""
    return (Record.objects.select_related("owner", "created_by", "modified_by")
            .filter(module=module).order_by("pk"))


def validate_record_data(row) -> dict:
    """Free-form fields checked for shape only: an object of API names to JSON values (the
    dialect has dropped the fields it sets itself)."""
    if not isinstance(row, dict):
        raise errors.FieldInvalid("data", "each record must be a JSON object")
    fields = {}
    for key, value in row.items():
        if not API_NAME_RE.fullmatch(key):
            raise errors.FieldInvalid(key[:100], "invalid field name")
        fields[key] = value
    if len(json.dumps(fields)) > MAX_RECORD_BYTES:
        raise errors.FieldInvalid("data", f"the record's fields exceed {MAX_RECORD_BYTES} bytes")
    return fields


def create_record(principal, module: Module, fields: dict) -> Record:
    user = principal.user
    for _ in range(3):  # a random 63-bit ID collides almost never; then draw again
        try:
            with transaction.atomic():
                return Record.objects.create(
                    workspace_id=module.workspace_id, module=module, owner=user,
                    created_by=user, modified_by=user, application=principal.application,
                    data=fields)
        except IntegrityError:
            continue
    raise errors.InternalError("could not allocate a record ID")


def current_photo_ids(records) -> dict[int, str]:
    """``record.pk -> public id`` of each record's current photo, in one query, by the photo
    engine's rule (``photo_services.with_current_photo``); a record that shows none is left
    out."""
    if not records:
        return {}
    shown = photo_services.with_current_photo(
        Record.objects.filter(pk__in=[record.pk for record in records]), spec=None)
    rows = shown.values_list("pk", "current_photo_public_id")
    return {pk: public_id for pk, public_id in rows if public_id is not None}


def add_records(principal, module: Module, rows: list) -> list:
    """Insert each valid row; in the batch's order, the new Record or the DomainError refusing
    that row (a bad row refuses only itself, as Zoho's multi-status answers)."""
    outcomes = []
    for row in rows:
        try:
            fields = validate_record_data(row)
        except errors.DomainError as error:
            outcomes.append(error)
            continue
        outcomes.append(create_record(principal, module, fields))
    return outcomes


# --- photo permissions --------------------------------------------------------------------------
def check_photo_access(principal, module: Module, action: str) -> None:
    """Module-level privilege (``AUTHORIZATION_FAILED``), before any record is looked at."""
    if not module.photos_supported:
        raise errors.ModuleNotInAPI(module.api_name)
    if not permissions.has_photo_privilege(principal, module, change=action != "read"):
        raise errors.PrivilegeMissing("download" if action == "read" else action)


def check_record_change(principal, record: Record, action: str) -> None:
    if not permissions.may_change_record(principal, record):
        raise errors.RecordChangeDenied(action)


def photo_target(principal, module: Module, record_id: str, action: str) -> Record:
    """The record whose photo ``action`` ("read", "upload", "delete") is about, checked in
    Zoho's order: the module's privilege, the record, then the caller's right to change it."""
    check_photo_access(principal, module, action)
    record = find_record(module, record_id)
    if action != "read":
        check_record_change(principal, record, action)
    return record


# --- photos ---------------------------------------------------------------------------------------
def photo_limits() -> imaging.Limits:
    """The largest record photo: Zoho's documented 10 MB and 10 megapixels, or the operator's
    ``PHOTO_MAX_BYTES`` / ``PHOTO_MAX_PIXELS`` where they are lower. An operator who lowers the
    limit lowers it for every API; one who raises it does not make Zoho take more than it
    documents."""
    return photo_services.default_limits().at_most(zoho.PHOTO_LIMITS)


def upload_photo(principal, record: Record, upload, run_workflows: bool = True) -> Photo:
    """Give ``record`` a new photo; the reply does not wait for its renditions.

    The previous photo is deleted only once the new one is ready (:func:`photo_ready`), so a
    download always finds a photo: the old one serves while the new one renders.
    """
    return photo_services.create_photo(
        upload, principal=principal, target=record, limits=photo_limits(),
        formats=imaging.mime_types(zoho.PHOTO_FORMATS), name=getattr(upload, "name", "") or "",
        run_triggers=run_workflows, in_transaction=lambda photo: _touch(record, principal))


def _touch(record: Record, principal) -> None:
    """A photo change modifies the record (``Modified_Time``/``Modified_By``), as in Zoho."""
    Record.objects.filter(pk=record.pk).update(modified_by=principal.user,
                                               modified_at=timezone.now())


# --- what the photo engine tells a record (registered on the record target type) ----------------
def photo_ready(photo: Photo, record: Record) -> None:
    """A photo of ``record`` is ready, whichever API attached it: it replaces the older ones,
    and the upload workflows run unless the upload asked otherwise. Runs in the transaction
    that makes the photo ready (record and photo locked), so both happen or neither."""
    older = Photo.objects.visible().filter(target_type_id=photo.target_type_id,
                                           target_id=photo.target_id, pk__lt=photo.pk)
    for old in older:
        photo_services.delete_photo(old)
    if photo.run_triggers:
        fire_workflows(record, "photo.uploaded", photo)


def photo_failed(photo: Photo, record: Record) -> None:
    """A photo of ``record`` cannot be rendered: it goes, and the previous one stays current."""
    photo_services.delete_photo(photo)


def download_photo(record: Record):
    """The ``original`` rendition of the record's current photo, or None."""
    photo = photo_services.current_photo(record)
    return photo.rendition("original") if photo is not None else None


def delete_photo(principal, record: Record, run_workflows: bool = True) -> None:
    with transaction.atomic():
        Record.objects.select_for_update().filter(pk=record.pk).first()
        photos = list(photo_services.photos_of(record).order_by("-pk"))
        if not photos:
            raise errors.NoPhoto()
        for photo in photos:
            photo_services.delete_photo(photo)
        _touch(record, principal)
        if run_workflows:
            fire_workflows(record, "photo.deleted", photos[0])


# --- workflows ----------------------------------------------------------------------------------
def fire_workflows(record: Record, event: str, photo: Photo) -> list[WebhookDelivery]:
    """Record one delivery per matching active rule and queue it after commit."""
    rules = WorkflowRule.objects.filter(module_id=record.module_id, is_active=True)
    rules = rules.filter(Q(on_photo_upload=True) if event == "photo.uploaded"
                         else Q(on_photo_delete=True))
    deliveries = []
    for rule in rules:
        payload = webhook_payload(rule, record, event, photo)
        delivery, created = WebhookDelivery.objects.get_or_create(
            dedupe_key=f"{rule.pk}:{event}:{photo.public_id}",
            defaults={"rule": rule, "event": event, "payload": payload})
        if created:
            deliveries.append(delivery)
    from records.tasks import deliver_webhook

    for delivery in deliveries:  # a broker that is down loses nothing: see sweep_webhooks
        queue.send_on_commit(deliver_webhook, delivery.pk)
    return deliveries


def sweep_webhooks(now=None) -> dict:
    """What the periodic sweeper does for webhooks: queue every pending delivery whose time
    has passed without an attempt (never queued because the broker was down, its message lost,
    a retry left to the sweeper, or an attempt whose worker died: its lease ran out)."""
    from records.tasks import deliver_webhook

    now = now or timezone.now()
    grace = timedelta(seconds=10)  # a delivery queued a moment ago is on its way
    due = WebhookDelivery.objects.filter(
        Q(next_attempt_at__isnull=True, created_at__lt=now - grace)
        | Q(next_attempt_at__lt=now - grace), status=WebhookDelivery.Status.PENDING)
    queued = 0
    for delivery_id in due.order_by("pk").values_list("pk", flat=True).iterator():
        if not queue.send(deliver_webhook, delivery_id):
            break  # the broker is still away: the next run tries again
        queued += 1
    return {"queued": queued}


def webhook_payload(rule: WorkflowRule, record: Record, event: str, photo: Photo) -> dict:
    module = record.module
    return {
        "event": event,
        "rule": {"id": str(rule.pk), "name": rule.name},
        "product": module.product,
        "organization": {"id": str(record.workspace_id)},
        "module": {"api_name": module.api_name},
        "record": {"id": str(record.zoho_id)},
        "photo": {"id": photo.public_id, "mime_type": photo.mime_type, "width": photo.width,
                  "height": photo.height},
    }


def retry_failed_deliveries(deliveries) -> list[int]:
    """Give failed deliveries (their attempts ran out, or the receiver was refused) a new set of
    attempts, queued once this commits; returns their IDs. For the admin's action and the
    ``retry_webhooks`` command. Deliveries that are not failed are left as they are."""
    from records.tasks import deliver_webhook

    ids = list(WebhookDelivery.objects.filter(pk__in=deliveries.values("pk"),
                                              status=WebhookDelivery.Status.FAILED)
               .order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk__in=ids, status=WebhookDelivery.Status.FAILED).update(
            status=WebhookDelivery.Status.PENDING, attempts=0, next_attempt_at=None)
        for delivery_id in ids:  # a broker that is down loses nothing: see sweep_webhooks
            queue.send_on_commit(deliver_webhook, delivery_id)
    return ids
