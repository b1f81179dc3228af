"""Admin permissions as the tests give them."""

# What a moderator is given: staff (not superuser) with the photo permissions, a view of what
# photos belong to (for the links and the autocomplete filters), and of the admin's log.
MODERATOR_PERMISSIONS = [
    "photos.view_photo", "photos.change_photo", "photos.delete_photo",
    "photos.view_album", "photos.view_comment", "photos.delete_comment", "photos.view_like",
    "photos.delete_like", "photos.view_tag", "photos.delete_tag",
    "accounts.view_user", "accounts.view_workspace", "accounts.view_application",
    "groups.view_group", "records.view_record", "admin.view_logentry",
]


def grant(user, names):
    from django.contrib.auth.models import Permission

    for name in names:
        app_label, codename = name.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                         codename=codename))
