from django.contrib import admin

from groups.models import Community, Group, GroupMember
from photos.admin import TargetPhotoMixin


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "sfid", "workspace", "url_path_prefix", "created_at")
    list_select_related = ("workspace",)
    search_fields = ("name",)
    raw_id_fields = ("workspace",)


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Group)
class GroupAdmin(TargetPhotoMixin, admin.ModelAdmin):
    list_display = ("photo_thumbnail", "name", "sfid", "visibility", "workspace", "community",
                    "owner", "created_at")
    list_filter = ("visibility",)
    list_select_related = ("workspace", "community", "owner")
    search_fields = ("name", "owner__username")
    raw_id_fields = ("workspace", "community", "owner")
    readonly_fields = ("current_photo",)
    inlines = [GroupMemberInline]
