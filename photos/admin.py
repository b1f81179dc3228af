"""The moderators' admin of photos and of what holds them.

Business rules stay in services (``photos.services``, ``photos.moderation``); this module lays
out pages, filters and actions, and writes the admin's own log.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator

from accounts.admin import AutocompleteFilter, AutocompleteFilterMedia
from accounts.admin import UserAdmin as AccountsUserAdmin
from accounts.admin import WorkspaceAdmin as AccountsWorkspaceAdmin
from accounts.models import User, Workspace
from photos import delivery, errors, moderation, services, targets
from photos.delivery import rendition_url
from photos.imaging.specs import SETS
from photos.imaging.values import MIME_TYPES
from photos.models import Photo, Rendition
from photos.permissions import target_of

PREVIEW = 20  # photos named on the take-down page (the rest are counted)
LOG_CHUNK = 500


class TakeDownForm(forms.Form):
    reason = forms.CharField(max_length=2000, widget=forms.Textarea,
                             error_messages={"required": "Say why: the reason is kept with "
                                                         "the photo and in the log."})


def _admin_url(model_or_ct, pk):
    """The admin change page of ``pk`` of a model (or content type), None when not in the
    admin. Needs no query: a list of rows links to each without loading it."""
    meta = getattr(model_or_ct, "_meta", None)
    app_label, model_name = ((meta.app_label, meta.model_name) if meta is not None
                             else (model_or_ct.app_label, model_or_ct.model))
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])
    except NoReverseMatch:
        return None


def _key_url(storage_key: str) -> str:
    return rendition_url(Rendition(storage_key=storage_key))


def _image(url: str, size: int, alt: str = ""):
    return format_html('<img src="{}" alt="{}" style="max-width:{}px; max-height:{}px">',
                       url, alt, size, size)


def _photos_of_url(target_type, obj) -> str:
    """The photo list narrowed to the photos attached to ``obj``."""
    query = urlencode({"target": target_type.key, "target_id": str(obj.pk)})
    return f"{reverse('admin:photos_photo_changelist')}?{query}"


# --- list filters -------------------------------------------------------------------------------
class TargetTypeFilter(admin.SimpleListFilter):
    """Among the types that can hold photos (``photos.targets``), not every content type."""

    title = "attached to"
    parameter_name = "target"

    def lookups(self, request, model_admin):
        return [(t.key, t.model_class()._meta.verbose_name) for t in targets.all_types()]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        target_type = targets.by_key(self.value())
        if target_type is None:
            return queryset.none()
        return queryset.filter(
            target_type=ContentType.objects.get_for_model(target_type.model_class()))


class SpecSetFilter(admin.SimpleListFilter):
    # the known sets, rather than a scan of the table for its distinct values
    title = "rendition set"
    parameter_name = "spec_set"

    def lookups(self, request, model_admin):
        return [(name, name) for name in SETS]

    def queryset(self, request, queryset):
        return queryset if self.value() is None else queryset.filter(spec_set=self.value())


class MimeTypeFilter(admin.SimpleListFilter):
    title = "type"
    parameter_name = "mime_type"

    def lookups(self, request, model_admin):
        return [(mime, name) for name, mime in MIME_TYPES.items()]

    def queryset(self, request, queryset):
        return queryset if self.value() is None else queryset.filter(mime_type=self.value())


# --- photos -------------------------------------------------------------------------------------
class RenditionInline(admin.TabularInline):
    model = Rendition
    extra = 0
    can_delete = False
    fields = ["preview", "spec", "spec_string", "format", "width", "height", "byte_size",
              "rendered_at"]
    readonly_fields = fields

    # renditions are part of their photo: whoever may view it sees them, nobody edits them
    def has_view_permission(self, request, obj=None):
        return self.admin_site.get_model_admin(Photo).has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False  # made by the renderer only

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="image")
    def preview(self, rendition):
        if not rendition.storage_key:  # no row (a blank form): nothing to show
            return "-"
        url = rendition_url(rendition)
        return format_html('<a href="{}">{}</a>', url, _image(url, 160, rendition.spec))


@admin.register(Photo)
class PhotoAdmin(AutocompleteFilterMedia, admin.ModelAdmin):
    """Moderators find, look at, take down, restore, re-render and delete photos here."""

    list_display = ["thumbnail", "public_id", "name", "status", "failure", "owner",
                    "workspace", "application", "attached", "created_at"]
    list_display_links = ["thumbnail", "public_id"]
    list_filter = ["status", ("owner", AutocompleteFilter), ("workspace", AutocompleteFilter),
                   ("application", AutocompleteFilter), TargetTypeFilter, "is_temporary",
                   MimeTypeFilter, SpecSetFilter]
    # public ID and SHA-256 as pasted (a hash by its start too); names, people and workspaces
    # by any part
    search_fields = ["=public_id", "name", "owner__username", "workspace__name",
                     "workspace__slug", "^sha256"]
    date_hierarchy = "created_at"
    list_select_related = ["owner", "workspace", "application", "target_type"]
    show_full_result_count = False  # one count of a big table per page, not two
    fieldsets = [
        (None, {"fields": ["original_image", "name", "public_id", "status",
                           "failure_reason"]}),
        ("Belongs to", {"fields": ["owner", "workspace", "application", "attached_to",
                                   "is_temporary"]}),
        ("Image", {"fields": ["mime_type", ("width", "height"), "frames", "byte_size",
                              "sha256", "spec_set", ("crop_x", "crop_y", "crop_size")]}),
        ("Processing", {"fields": ["created_at", "updated_at", "processed_at",
                                   "render_queued_at", "render_attempts",
                                   "target_notified_at", "run_triggers"]}),
    ]
    readonly_fields = ["original_image", "attached_to", *[
        f.name for f in Photo._meta.fields if f.name != "name"]]
    inlines = [RenditionInline]
    actions = ["take_down", "restore", "rerender"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.status == Photo.Status.TAKEN_DOWN:
            fieldsets.insert(1, ("Taken down", {
                "fields": ["taken_down_at", "taken_down_by", "takedown_reason"]}))
        return fieldsets

    def has_add_permission(self, request):
        return False  # photos arrive through the APIs, validated there; never typed in here

    # the original, to staff who may view the photo
    def get_urls(self):
        return [
            path("<path:object_id>/original/", self.original_view,
                 name="photos_photo_original"),
            *super().get_urls(),
        ]

    def original_view(self, request, object_id):
        """The uploaded file as received, with the type sniffed from its bytes, inert. Not
        behind ``admin_view`` (a login redirect): whoever may not view the photo gets a 404,
        as for a photo that does not exist."""
        user = request.user
        if not (user.is_active and user.is_staff):
            raise Http404("No such image.")
        photo = self.get_object(request, unquote(object_id))
        if photo is None or not self.has_view_permission(request, photo):
            raise Http404("No such image.")
        try:
            # validators too: no-store keeps every cache from holding the bytes (so no browser
            # revalidates), but a staff tool resuming a download needs If-Range's ETag
            return delivery.serve(photo.original, photo.mime_type,
                                  cache=delivery.Cache.STAFF_ONLY, request=request,
                                  etag=photo.sha256, modified=photo.created_at)
        except errors.NotFound:
            raise Http404("No such image.") from None

    # columns and fields
    @admin.display(description="")
    def thumbnail(self, photo):
        rendition = photo.rendition("icon") or photo.rendition("small")
        if rendition is None:
            return "-"
        return format_html('<img src="{}" width="32" height="32" alt="">',
                           rendition_url(rendition))

    @admin.display(description="failure reason")
    def failure(self, photo):
        if not photo.failure_reason:
            return ""
        return format_html('<span title="{}">{}</span>', photo.failure_reason,
                           Truncator(photo.failure_reason).chars(60))

    @admin.display(description="attached to", ordering="target_type")
    def attached(self, photo):
        if photo.target_type_id is None:
            return "-"
        label = f"{photo.target_type.name} {photo.target_id}"
        url = _admin_url(photo.target_type, photo.target_id)
        return format_html('<a href="{}">{}</a>', url, label) if url else label

    @admin.display(description="original")
    def original_image(self, photo):
        if photo.pk is None:
            return "-"
        url = reverse("admin:photos_photo_original", args=[photo.pk])
        return format_html('<a href="{}">{}</a><div class="help">{} {}×{}, {} bytes, as '
                           'uploaded (its metadata included): never served publicly</div>',
                           url, _image(url, 480, photo.name or photo.public_id),
                           photo.mime_type, photo.width, photo.height, photo.byte_size)

    @admin.display(description="attached to")
    def attached_to(self, photo):
        if photo.target_type_id is None:
            return "- (temporary: not attached yet)" if photo.is_temporary else "-"
        target_type, target = target_of(photo)
        if target_type is None:
            return f"{photo.target_type.name} {photo.target_id} (not a photo target)"
        if target is None:
            return f"{target_type.key} {photo.target_id} (deleted)"
        label = f"{target_type.key} {target_type.public_id(target)}: {target}"
        url = _admin_url(target, target.pk)
        return format_html('<a href="{}">{}</a>', url, label) if url else label

    # actions: each through photos.moderation, each logged per photo
    @admin.action(description="Take down the selected photos", permissions=["change"])
    def take_down(self, request, queryset):
        """An intermediate page asks for the reason; its answer comes back to this action."""
        form = TakeDownForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            done = moderation.take_down(queryset, moderator=request.user, reason=reason)
            self.log_photos(request, done, f"Taken down: {reason}")
            self.message_user(request, f"Took down {len(done)} photo(s).", messages.SUCCESS)
            return None
        select_across = request.POST.get("select_across") == "1"
        count = queryset.count()
        return TemplateResponse(request, "admin/photos/photo/take_down.html", {
            **self.admin_site.each_context(request),
            "title": "Take down photos", "opts": self.opts, "media": self.media,
            "form": form, "count": count,
            "already_down": queryset.filter(status=Photo.Status.TAKEN_DOWN).count(),
            "preview": queryset.select_related("owner").order_by("pk")[:PREVIEW],
            "select_across": select_across,
            # the pks ticked on the list (at most a page; Django wants some even when "all"
            # the list's filters select is meant)
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        })

    @admin.action(description="Restore the selected photos (taken down)",
                  permissions=["change"])
    def restore(self, request, queryset):
        done = moderation.restore(queryset, moderator=request.user)
        self.log_photos(request, done, "Restored: rendering again")
        self.message_user(request, f"Restored {len(done)} photo(s); they show again once "
                                   "rendered.", messages.SUCCESS)

    @admin.action(description="Re-render the selected photos", permissions=["change"])
    def rerender(self, request, queryset):
        done = moderation.rerender(queryset)
        self.log_photos(request, done, "Re-render queued")
        self.message_user(request, f"Queued {len(done)} photo(s) for re-rendering (taken-down "
                                   "photos are not re-rendered).")

    def log_photos(self, request, pks, message):
        """One CHANGE entry per photo, written in bulk, a chunk of photos in memory at a time
        (Django's own log methods log one object each)."""
        for start in range(0, len(pks), LOG_CHUNK):
            chunk = (Photo.objects.filter(pk__in=pks[start:start + LOG_CHUNK])
                     .only("pk", "public_id", "status").order_by("pk"))
            LogEntry.objects.log_actions(request.user.pk, chunk, CHANGE, message)


# --- what holds photos: its current photo on its page, a thumbnail in its list ------------------
class TargetPhotoMixin:
    """For the admin of a photo target type (``photos.targets``): ``photo_thumbnail`` for
    ``list_display`` (from one annotated query) and ``current_photo`` for its page."""

    def get_queryset(self, request):
        return services.with_current_photo(super().get_queryset(request))

    @admin.display(description="photo")
    def photo_thumbnail(self, obj):
        if getattr(obj, "current_photo_pk", None) is None:
            return "-"
        image = (_image(_key_url(obj.current_photo_key), 32) if obj.current_photo_key
                 else "photo")
        return format_html('<a href="{}">{}</a>', _admin_url(Photo, obj.current_photo_pk),
                           image)

    @admin.display(description="photo")
    def current_photo(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        target_type = targets.for_object(obj)
        photo = services.current_photo(obj)
        # every photo of it, taken-down ones included (the APIs' photos_of() leaves them out)
        count = Photo.objects.filter(target_type=ContentType.objects.get_for_model(obj),
                                     target_id=str(obj.pk)).count()
        others = (format_html('<a href="{}">all photos of this {} ({})</a>',
                              _photos_of_url(target_type, obj), target_type.key, count)
                  if count else "")
        if photo is None:
            return format_html("no photo (the default one shows) {}", others)
        rendition = photo.rendition("small") or photo.rendition("icon")
        image = _image(rendition_url(rendition), 100) if rendition else photo.public_id
        return format_html('<a href="{}">{}</a><div>{} {}</div>', _admin_url(Photo, photo.pk),
                           image, photo.public_id, others)


# photos knows accounts (not the reverse): users and workspaces get their photo here
admin.site.unregister(User)
admin.site.unregister(Workspace)


@admin.register(User)
class UserAdmin(TargetPhotoMixin, AccountsUserAdmin):
    list_display = ["photo_thumbnail", *AccountsUserAdmin.list_display]
    readonly_fields = [*AccountsUserAdmin.readonly_fields, "current_photo"]
    fieldsets = [*AccountsUserAdmin.fieldsets, ("Photo", {"fields": ["current_photo"]})]


@admin.register(Workspace)
class WorkspaceAdmin(TargetPhotoMixin, AccountsWorkspaceAdmin):
    list_display = ["photo_thumbnail", *AccountsWorkspaceAdmin.list_display]
    readonly_fields = [*AccountsWorkspaceAdmin.readonly_fields, "current_photo"]


# --- albums, comments, likes and tags (Graph API) -----------------------------------------------
from photos.models import Album, AlbumPhoto, Comment, Like, Tag  # noqa: E402


class AlbumPhotoInline(admin.TabularInline):
    model = AlbumPhoto
    extra = 0
    can_delete = False
    fields = ["photo", "position", "place"]
    readonly_fields = fields
    ordering = ["position"]


@admin.register(Album)
class AlbumAdmin(admin.ModelAdmin):
    list_display = ["public_id", "name", "owner", "application", "is_application_album",
                    "created_at"]
    list_filter = ["is_application_album"]
    search_fields = ["public_id", "name", "owner__username"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    list_select_related = ["owner", "application"]
    inlines = [AlbumPhotoInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Moderators remove comments here."""

    list_display = ["photo", "author", "message", "created_at"]
    search_fields = ["message", "author__username", "photo__public_id"]
    list_select_related = ["photo", "author"]
    raw_id_fields = ["photo", "author"]


@admin.register(Like)
class LikeAdmin(admin.ModelAdmin):
    list_display = ["photo", "user", "created_at"]
    list_select_related = ["photo", "user"]
    raw_id_fields = ["photo", "user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["photo", "user", "text", "x", "y", "tagger", "created_at"]
    search_fields = ["text", "user__username", "photo__public_id"]
    list_select_related = ["photo", "user", "tagger"]
    raw_id_fields = ["photo", "user", "tagger"]
