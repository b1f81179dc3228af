from django.contrib import admin

from files.models import File, FileVersion


class FileVersionInline(admin.TabularInline):
    model = FileVersion
    extra = 0
    can_delete = False
    fields = ("number", "title", "file_name", "mime_type", "byte_size", "checksum", "created_at")
    readonly_fields = fields


@admin.register(File)
class FileAdmin(admin.ModelAdmin):
    list_display = ("id", "sfid", "owner", "workspace", "latest_number", "updated_at")
    list_select_related = ("owner", "workspace")
    search_fields = ("owner__username", "versions__title")
    raw_id_fields = ("owner", "workspace")
    inlines = [FileVersionInline]
