"""Operations on groups and on the Chatter photos of groups and users."""

from django.conf import settings
from django.db import IntegrityError, transaction

from groups.models import Group, GroupMember
from photos import errors, file_sources, imaging, targets
from photos import services as photos

# Chatter photos get the chatter renditions (large 200 wide, medium 160 wide, small 64x64),
# whatever set the target type gives its photos elsewhere (users: the generic set)
SPEC_SET = "chatter"


def create_group(*, owner, workspace, name: str, visibility: str, description: str = "",
                 community=None) -> Group:
    """A new group; its owner is its first member (a manager)."""
    if Group.objects.filter(workspace=workspace, community=community,
                            name__iexact=name).exists():
        raise errors.Duplicate(f"A group named {name!r} already exists.")
    try:
        with transaction.atomic():
            group = Group.objects.create(workspace=workspace, community=community, name=name,
                                         visibility=visibility, description=description,
                                         owner=owner)
            GroupMember.objects.create(group=group, user=owner, role=GroupMember.Role.MANAGER)
    except IntegrityError:  # the same name created at the same moment
        raise errors.Duplicate(f"A group named {name!r} already exists.") from None
    return group


def add_member(group: Group, user, role: str = GroupMember.Role.STANDARD) -> GroupMember:
    if group.workspace_id not in user.workspace_ids():
        raise errors.InvalidInput("The user is not in the group's workspace.")
    if GroupMember.objects.filter(group=group, user=user).exists():
        raise errors.Duplicate("The user is already a member of this group.")
    try:
        with transaction.atomic():
            return GroupMember.objects.create(group=group, user=user, role=role)
    except IntegrityError:
        raise errors.Duplicate("The user is already a member of this group.") from None


def remove_member(member: GroupMember) -> None:
    if member.user_id == member.group.owner_id:
        raise errors.InvalidInput("The group's owner cannot leave the group.")
    member.delete()


# --- photos -------------------------------------------------------------------------------------
def file_photo_limits() -> imaging.Limits:
    """An existing file may be a photo when it is under the file limit ("less than 2 GB"); the
    pixel budget of every photo still applies."""
    return imaging.Limits(max_bytes=settings.FILE_MAX_BYTES - 1,
                          max_pixels=settings.PHOTO_MAX_PIXELS)


def set_photo(target, upload, *, principal, name: str = "", crop=None, limits=None):
    """Make ``upload`` the photo of ``target`` (a group or a user), rendered asynchronously.

    The photo the target shows now keeps showing until the new one is ready; any other earlier
    photo (replaced, or superseded before it was ready) is deleted.
    """
    showing = photos.current_photo(target)
    # a group's photo belongs to the group's workspace, whichever the caller's token names
    workspace = targets.for_object(target).workspace_of(target)
    photo = photos.create_photo(upload, principal=principal, target=target, name=name,
                                workspace=workspace, spec_set=SPEC_SET, crop=crop,
                                limits=limits)
    keep = [photo.pk] + ([showing.pk] if showing is not None else [])
    with transaction.atomic():
        for stale in photos.photos_of(target).exclude(pk__in=keep).select_for_update():
            photos.delete_photo(stale)
    return photo


def set_photo_from_file(target, file_pk: int, number: int | None, *, principal, crop=None):
    """Make version ``number`` (the newest when None) of a stored file the photo of
    ``target``, when ``principal`` may read the file (``photos.file_sources``)."""
    with file_sources.open_file(principal, file_pk, number) as (content, name):
        return set_photo(target, content, principal=principal, name=name, crop=crop,
                         limits=file_photo_limits())


def remove_photo(target) -> None:
    """The target shows its default photo again."""
    with transaction.atomic():
        for photo in photos.photos_of(target).select_for_update():
            photos.delete_photo(photo)
