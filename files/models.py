from django.conf import settings
from django.db import models

from photos.dialects.chatter import ids


class File(models.Model):
    """A file of the Files page (Salesforce's ContentDocument, ID ``069...``): its versions hold
    the content; the newest one is what the file shows."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="chatter_files")
    workspace = models.ForeignKey("accounts.Workspace", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="chatter_files")
    latest_number = models.PositiveIntegerField(default=0,
                                                help_text="number of the newest version")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self):
        return self.sfid

    @property
    def sfid(self) -> str:
        return ids.sfid18(ids.FILE, self.pk)

    def version(self, number: int | None = None):
        """The version ``number`` (the newest one when None), or None."""
        return self.versions.filter(number=number or self.latest_number).first()


class FileVersion(models.Model):
    """One upload of a file's content (Salesforce's ContentVersion, ID ``068...``). Immutable:
    a new upload makes a new version."""

    file = models.ForeignKey(File, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    file_name = models.CharField(max_length=255, help_text="the name the client uploaded")
    extension = models.CharField(max_length=40, blank=True)
    mime_type = models.CharField(max_length=100)
    byte_size = models.PositiveBigIntegerField()
    checksum = models.CharField(max_length=32, help_text="MD5 hex of the content")
    storage_key = models.CharField(max_length=300, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="one_version_number_per_file"),
        ]

    def __str__(self):
        return f"{self.file_id} v{self.number}"

    @property
    def sfid(self) -> str:
        return ids.sfid18(ids.FILE_VERSION, self.pk)
