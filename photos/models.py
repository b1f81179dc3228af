import re
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


def new_public_id() -> str:
    return secrets.token_hex(12)


PUBLIC_ID_RE = re.compile(r"[0-9a-f]{24}")  # what new_public_id() makes


class PhotoQuerySet(models.QuerySet):
    def visible(self):
        """What the APIs may show or touch: everything but what a moderator took down."""
        return self.exclude(status=Photo.Status.TAKEN_DOWN)


class Photo(models.Model):
    """One uploaded image and what Photodesk knows of it; every dialect serves this model."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        # by a moderator: served by no URL and shown by no API until restored (see
        # photos.moderation); never rendered meanwhile
        TAKEN_DOWN = "taken_down", "Taken down"

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id,
                                 editable=False)
    name = models.CharField(max_length=255, blank=True)
    mime_type = models.CharField(max_length=40)
    original = models.CharField(max_length=300, help_text="storage key of the upload as received")
    width = models.PositiveIntegerField(help_text="as displayed, after EXIF orientation")
    height = models.PositiveIntegerField()
    frames = models.PositiveIntegerField(default=1, help_text="animation frames; 1 for a still")
    byte_size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    failure_reason = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    taken_down_at = models.DateTimeField(null=True, blank=True)
    taken_down_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+",
                                      help_text="the moderator who took the photo down")
    takedown_reason = models.TextField(blank=True, help_text="why, in the moderator's words")
    # what the sweeper needs to finish every render (photos.sweeper): a photo whose render was
    # never handed to the broker, or was and never started, or started and never finished
    render_queued_at = models.DateTimeField(
        null=True, blank=True, help_text="when a render was last handed to the broker")
    render_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="renders started since the photo was last ready or failed")
    target_notified_at = models.DateTimeField(
        null=True, blank=True, help_text="when the target's app heard that this photo is "
                                         "ready as its photo")
    run_triggers = models.BooleanField(
        default=True, help_text="run the target's automations (Zoho workflows) when this photo "
                                "becomes the target's photo")

    spec_set = models.CharField(max_length=30, default="generic",
                                help_text="the named set of renditions this photo gets")
    crop_x = models.PositiveIntegerField(null=True, blank=True)
    crop_y = models.PositiveIntegerField(null=True, blank=True)
    crop_size = models.PositiveIntegerField(null=True, blank=True)

    is_temporary = models.BooleanField(default=True, help_text="not attached to a target yet")
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    target_id = models.CharField(max_length=64, null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="photos")
    workspace = models.ForeignKey("accounts.Workspace", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="photos")
    application = models.ForeignKey(settings.OAUTH2_PROVIDER_APPLICATION_MODEL, null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="photos",
                                    help_text="the third party that created the photo")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]
        constraints = [
            # who took it down may be gone (SET_NULL); when and why stay while it is down
            models.CheckConstraint(
                name="taken_down_when_and_why",
                condition=(
                    models.Q(status="taken_down", taken_down_at__isnull=False)
                    & ~models.Q(takedown_reason="")
                    | ~models.Q(status="taken_down") & models.Q(taken_down_at__isnull=True,
                                                                takedown_reason="")
                ),
            ),
            models.CheckConstraint(
                name="crop_all_or_nothing",
                condition=(
                    models.Q(crop_x__isnull=True, crop_y__isnull=True, crop_size__isnull=True)
                    | models.Q(crop_x__isnull=False, crop_y__isnull=False,
                               crop_size__isnull=False)
                ),
            ),
        ]

    def __str__(self):
        return f"{self.public_id} ({self.status})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    def rendition(self, spec: str):
        """The rendition of ``spec`` if it exists (uses prefetched renditions when present)."""
        for rendition in self.renditions.all():
            if rendition.spec == spec:
                return rendition
        return None


class Rendition(models.Model):
    """One derived image of a photo, for one named spec, immutable once written."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40, help_text="name in the spec registry")
    spec_string = models.CharField(max_length=60, help_text="the spec's definition when rendered")
    storage_key = models.CharField(max_length=300, unique=True)
    format = models.CharField(max_length=10)
    mime_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    byte_size = models.PositiveBigIntegerField()
    rendered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["photo", "spec"], name="one_rendition_per_spec"),
        ]

    def __str__(self):
        return f"{self.photo.public_id}/{self.spec}"


class UnownedFile(models.Model):
    """A file in storage that no row owns: being written (a render's or an upload's file until
    the row that owns it commits) or left over (a deleted photo's or rendition's file until it is
    deleted from storage).

    Recorded in the database before the file is written, or in the same transaction as the
    deletion of its owner, so that whatever a crash interrupts, the sweeper knows every file to
    remove: it deletes each once ``delete_after`` has passed. A key that gets an owner leaves
    this table in the owner's transaction.
    """

    key = models.CharField(max_length=300, unique=True)
    delete_after = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


# --- albums, comments, likes and tags (the Graph API's objects around a photo) ------------------
def new_album_id() -> str:
    # Graph IDs are numeric strings; 16 random digits keep albums apart from user IDs (row ids)
    return str(10**15 + secrets.randbelow(9 * 10**15))


class Album(models.Model):
    """A user's album. The application album (one per user and application, named after the
    application) takes the photos posted to ``/{user-id}/photos`` and has no size limit."""

    MAX_PHOTOS = 200  # regular albums only

    public_id = models.CharField(max_length=20, unique=True, default=new_album_id,
                                 editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="albums")
    application = models.ForeignKey(settings.OAUTH2_PROVIDER_APPLICATION_MODEL, null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="albums",
                                    help_text="the application that created the album")
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    is_application_album = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "application"],
                                    condition=models.Q(is_application_album=True),
                                    name="one_application_album_per_user_and_app"),
        ]

    def __str__(self):
        return f"{self.name} ({self.public_id})"

    @property
    def max_photos(self) -> int | None:
        return None if self.is_application_album else self.MAX_PHOTOS


class AlbumPhoto(models.Model):
    """A photo's place in its album, and what Graph publishing recorded with it."""

    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="entries")
    photo = models.OneToOneField(Photo, on_delete=models.CASCADE, related_name="album_entry")
    position = models.PositiveIntegerField(
        help_text="order of arrival; the API shows the 1-based rank among the album's photos")
    place = models.ForeignKey("accounts.Workspace", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              help_text="the page (workspace) the photo is located at")
    name_tags = models.JSONField(default=list, blank=True,
                                 help_text="people mentioned in the caption: id, name, type, "
                                           "offset, length")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["album", "position"], name="one_photo_per_position"),
        ]

    def __str__(self):
        return f"{self.album.public_id}#{self.position}"


class Comment(models.Model):
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="photo_comments")
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.author} on {self.photo.public_id}: {self.message[:40]}"


class Like(models.Model):
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="photo_likes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["photo", "user"], name="one_like_per_user"),
        ]

    def __str__(self):
        return f"{self.user} likes {self.photo.public_id}"


class Tag(models.Model):
    """A person (or a free text) tagged in a photo, at x/y percent from the left/top edges."""

    MAX_PER_PHOTO = 20

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="tags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="photo_tags")
    text = models.CharField(max_length=255, blank=True)
    x = models.FloatField(null=True, blank=True)
    y = models.FloatField(null=True, blank=True)
    tagger = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["photo", "user"],
                                    condition=models.Q(user__isnull=False),
                                    name="a_person_is_tagged_once_per_photo"),
            models.CheckConstraint(name="tag_names_someone_or_something",
                                   condition=models.Q(user__isnull=False) | ~models.Q(text="")),
            models.CheckConstraint(name="tag_x_is_a_percentage",
                                   condition=models.Q(x__isnull=True)
                                   | models.Q(x__gte=0, x__lte=100)),
            models.CheckConstraint(name="tag_y_is_a_percentage",
                                   condition=models.Q(y__isnull=True)
                                   | models.Q(y__gte=0, y__lte=100)),
        ]

    def __str__(self):
        return f"{self.user or self.text} in {self.photo.public_id}"
