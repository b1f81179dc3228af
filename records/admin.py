from django.contrib import admin, messages
from django.db import models

from photos.admin import TargetPhotoMixin
from records import services
from records.models import Module, Record, WebhookDelivery, WorkflowRule


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    """Workspace admins add custom modules here; standard ones can only be switched."""

    list_display = ("api_name", "plural_label", "product", "workspace", "is_custom",
                    "api_supported", "photos_supported", "photos_enabled",
                    "members_may_change_photos")
    list_filter = ("product", "is_custom", "api_supported", "photos_supported",
                   "photos_enabled")
    search_fields = ("api_name", "plural_label", "workspace__name", "workspace__slug")
    list_select_related = ("workspace",)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_custom:  # Zoho's own modules keep their identity
            return ("workspace", "product", "api_name", "is_custom", "api_supported",
                    "photos_supported")
        return ("is_custom",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.is_custom = True  # the admin only ever makes custom modules
        super().save_model(request, obj, form, change)


@admin.register(Record)
class RecordAdmin(TargetPhotoMixin, admin.ModelAdmin):
    list_display = ("photo_thumbnail", "zoho_id", "module", "workspace", "owner", "created_at")
    list_filter = ("module__product",)
    search_fields = ("=zoho_id",)
    # a module names its workspace
    list_select_related = ("module", "module__workspace", "workspace", "owner")
    raw_id_fields = ("owner", "created_by", "modified_by", "application")
    readonly_fields = ("zoho_id", "created_at", "modified_at", "current_photo")


@admin.register(WorkflowRule)
class WorkflowRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "module", "is_active", "on_photo_upload", "on_photo_delete",
                    "webhook_url")
    list_filter = ("is_active", "module__product")
    search_fields = ("name", "webhook_url", "module__api_name")
    list_select_related = ("module", "module__workspace")
    autocomplete_fields = ("module",)
    # a receiver typed without a scheme is an https one (Django 6's default; 5.2 warns)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("pk", "event", "rule", "status", "attempts", "last_status_code",
                    "created_at", "delivered_at")
    list_filter = ("status", "event")
    list_select_related = ("rule", "rule__module")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Retry the selected failed deliveries", permissions=["change"])
    def retry(self, request, queryset):
        queued = services.retry_failed_deliveries(queryset)
        skipped = queryset.count() - len(queued)
        self.message_user(request, f"Queued {len(queued)} failed delivery(ies) again"
                                   + (f"; {skipped} not failed, left as they are." if skipped
                                      else "."), messages.SUCCESS)
