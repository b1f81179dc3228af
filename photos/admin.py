from django.contrib import admin, messages
from django.utils.html import format_html

from photos import services
from photos.delivery import rendition_url
from photos.models import Photo, Rendition


class RenditionInline(admin.TabularInline):
    model = Rendition
    extra = 0
    can_delete = False
    fields = ["spec", "spec_string", "preview", "format", "width", "height", "byte_size"]
    readonly_fields = fields

    @admin.display(description="image")
    def preview(self, rendition):
        return format_html('<a href="{0}"><img src="{0}" style="max-height:64px"></a>',
                           rendition_url(rendition))


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    """Moderators review, re-render and delete photos here."""

    list_display = ["public_id", "thumbnail", "name", "status", "owner", "workspace",
                    "application", "target_type", "is_temporary", "created_at"]
    list_filter = ["status", "is_temporary", "spec_set", "mime_type", "target_type"]
    search_fields = ["public_id", "name", "sha256", "owner__username", "workspace__name"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Photo._meta.fields if f.name not in ("name",)]
    inlines = [RenditionInline]
    actions = ["rerender", "mark_failed"]
    list_select_related = ["owner", "workspace", "application", "target_type"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    @admin.display(description="")
    def thumbnail(self, photo):
        rendition = photo.rendition("icon") or photo.rendition("small")
        if rendition is None:
            return "-"
        return format_html('<img src="{}" width="32" height="32">', rendition_url(rendition))

    @admin.action(description="Re-render the selected photos")
    def rerender(self, request, queryset):
        for photo in queryset:
            services.queue_render(photo, force=True)
        self.message_user(request, f"Queued {queryset.count()} photo(s) for re-rendering.")

    @admin.action(description="Take down (mark failed: moderation)")
    def mark_failed(self, request, queryset):
        count = queryset.update(status=Photo.Status.FAILED, failure_reason="Taken down by a "
                                f"moderator ({request.user.username}).")
        self.message_user(request, f"Took down {count} photo(s).", messages.WARNING)


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
