from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"

    def ready(self):
        from django.db.models.signals import post_save

        from photos.targets import TargetType, register
        from records import permissions, services

        register(TargetType(
            key="record", model="records.Record", spec_set="zoho", resolve=_resolve,
            public_id=lambda record: str(record.zoho_id), can_read=permissions.can_read,
            can_update=permissions.can_update_photo,
            workspace_of=lambda record: record.workspace,
            photo_ready=services.photo_ready, photo_failed=services.photo_failed,
        ))
        post_save.connect(_standard_modules_for_new_workspace, sender="accounts.Workspace",
                          dispatch_uid="records.standard_modules")


def _resolve(public_id: str):
    from photos.dialects.params import numeric_id
    from records.models import Record

    zoho_id = numeric_id(public_id)
    if zoho_id is None:
        return None
    return Record.objects.select_related("module", "workspace").filter(zoho_id=zoho_id).first()


def _standard_modules_for_new_workspace(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from records.services import ensure_standard_modules

        ensure_standard_modules(instance.pk)
