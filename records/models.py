"""Modules, records, workflow rules and webhook deliveries of the Zoho CRM / Bigin dialects."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from photos.dialects.zoho.params import API_NAME_RE
from records.standard import BIGIN, CRM

# Zoho record IDs are long numeric strings; its Java SDK holds them in a ``Long``, so they stay
# below 2**63: 19 digits from 1e18 to 9e18-1.
_ID_LOW, _ID_HIGH = 10**18, 9 * 10**18


def new_zoho_id() -> int:
    return _ID_LOW + secrets.randbelow(_ID_HIGH - _ID_LOW)


def validate_api_name(value: str) -> None:
    if not API_NAME_RE.fullmatch(value or ""):
        raise ValidationError("An API name is a letter then letters, digits or _ (at most 100).")


class Module(models.Model):
    """A CRM or Bigin module of one workspace (the Zoho organisation).

    Every workspace has its own rows for the standard modules (``records.standard``) so that an
    admin can switch the photo feature per workspace, and custom modules made in the admin.
    """

    class Product(models.TextChoices):
        CRM = CRM, "Zoho CRM"
        BIGIN = BIGIN, "Bigin"

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE,
                                  related_name="modules")
    product = models.CharField(max_length=10, choices=Product.choices)
    api_name = models.CharField(max_length=100, validators=[validate_api_name],
                                help_text="as in the URL: Leads, Accounts, Patients...")
    singular_label = models.CharField(max_length=100)
    plural_label = models.CharField(max_length=100)
    is_custom = models.BooleanField(default=True)
    api_supported = models.BooleanField(
        default=True, help_text="off: the API answers 'the given module is not supported in api'")
    photos_supported = models.BooleanField(
        default=True, help_text="whether records of this module can hold a photo at all")
    photos_enabled = models.BooleanField(
        default=True, help_text="off: every photo request answers AUTHORIZATION_FAILED")
    members_may_change_photos = models.BooleanField(
        default=True, help_text="off: only workspace admins, owners and workspace tokens may "
                                "upload or delete photos (members get AUTHORIZATION_FAILED)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workspace_id", "product", "api_name"]
        constraints = [
            models.UniqueConstraint(Lower("api_name"), "workspace", "product",
                                    name="one_module_name_per_product_and_workspace"),
        ]

    def __str__(self):
        return f"{self.get_product_display()} {self.api_name} ({self.workspace})"

    @property
    def scope_product(self) -> str:
        return "ZohoBigin" if self.product == BIGIN else "ZohoCRM"


class Record(models.Model):
    """One record of a module: free-form field data under a Zoho-style numeric ID."""

    zoho_id = models.BigIntegerField(unique=True, default=new_zoho_id, editable=False)
    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE,
                                  related_name="records")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="records")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="owned_records")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    modified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    application = models.ForeignKey(settings.OAUTH2_PROVIDER_APPLICATION_MODEL, null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.module.api_name} {self.zoho_id}"

    def clean(self):
        if self.module_id and self.workspace_id and self.module.workspace_id != self.workspace_id:
            raise ValidationError("The module belongs to another workspace.")


class WorkflowRule(models.Model):
    """Calls a webhook when the photo of a record of ``module`` changes."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="workflow_rules")
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    webhook_url = models.URLField(max_length=2000, help_text="http(s); private addresses are "
                                  "refused unless the host is in OUTBOUND_ALLOWED_HOSTS")
    on_photo_upload = models.BooleanField(default=True)
    on_photo_delete = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.name} on {self.module.api_name}"


class WebhookDelivery(models.Model):
    """One call of a rule's webhook for one photo change, with its attempts."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    rule = models.ForeignKey(WorkflowRule, on_delete=models.CASCADE, related_name="deliveries")
    # the same photo change never makes two deliveries of one rule (tasks may run twice)
    dedupe_key = models.CharField(max_length=120, unique=True)
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    # when the next attempt may start: a retry's time, or while an attempt runs, the end of its
    # lease (a worker that dies mid-call leaves it to be retried once the lease is over); null
    # for a delivery never attempted
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} -> {self.rule} ({self.status})"
