"""Chatter's response bodies: the only place its field names appear.

A Photo body names a photo version (``photoVersionId``, prefix ``729``) and the URLs of its
renditions, shaped like Salesforce's: ``/profilephoto/729.../F`` (large, 200 wide), ``/M``
(medium, 160 wide), ``/T`` (small, 64x64); with no photo they point at the default photo of the
kind (``/profilephoto/0F9/F`` for groups, ``/profilephoto/005/F`` for users). The two e-mail URLs
work without a token for 30 days; each is signed with a key of its own
(``settings.EMAIL_PHOTO_SIGNING_KEY``, never shared with anyone) and names the photo version it
was issued for (or none), which is all it ever shows. Each property appears only from the API
version that introduced it. The views that serve these URLs are in ``photos.api.chatter``.

The bodies take the objects of the groups and files apps as they come (duck-typed: ``photos``
never imports those apps); facts that need an app's rules (a group's ``myRole``) are given.
"""

from datetime import UTC

from django.conf import settings
from django.core import signing
from django.urls import reverse

from photos import services
from photos.dialects.chatter import ids, params
from photos.dialects.chatter.views import Call

PHOTO_PROPERTIES = {  # property -> the API version that introduced it
    "fullEmailPhotoUrl": "27.0",
    "largePhotoUrl": "23.0",
    "mediumPhotoUrl": "37.0",
    "photoVersionId": "24.0",
    "smallPhotoUrl": "23.0",
    "standardEmailPhotoUrl": "27.0",
    "url": "27.0",
}

# Salesforce names the file type after the extension ("Png", "Pdf", "Jpeg"...)
FILE_TYPES = {"jpg": "Jpg", "jpeg": "Jpeg", "png": "Png", "gif": "Gif", "bmp": "Bmp",
              "pdf": "Pdf", "txt": "Text", "csv": "Csv", "doc": "Word", "docx": "Word_x",
              "xls": "Excel", "xlsx": "Excel_x", "ppt": "Power_point",
              "pptx": "Power_point_x", "zip": "Zip", "webp": "Webp", "html": "Html"}

_CURRENT = object()


def sf_date(value) -> str | None:
    """Salesforce's date-time format: ``2013-07-31T22:18:04.000Z``."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def versions() -> list[dict]:
    """Salesforce's list of versions: three releases a year, 20.0 being Winter '11."""
    seasons = ("Winter", "Spring", "Summer")
    listed = []
    for number in range(int(params.OLDEST_VERSION), int(params.NEWEST_VERSION) + 1):
        step = number - 20
        listed.append({"label": f"{seasons[step % 3]} '{11 + step // 3:02d}",
                       "url": f"/services/data/v{number}.0", "version": f"{number}.0"})
    return listed


def page_links(path: str, page: int, size: int, total: int) -> dict:
    def url(number):
        return f"{path}?page={number}&pageSize={size}"

    return {
        "currentPageUrl": url(page),
        "nextPageUrl": url(page + 1) if (page + 1) * size < total else None,
        "previousPageUrl": url(page - 1) if page > 0 else None,
    }


# --- photos -------------------------------------------------------------------------------------
def photo_body(call: Call, kind: str, target, url: str, photo=_CURRENT) -> dict:
    """The Photo body of ``target`` (a group or a user): its current photo unless ``photo`` is
    given (None for the default photo). ``url`` is the resource that returns this body."""
    if photo is _CURRENT:
        photo = services.current_photo(target)
    if photo is not None:
        photo_id = ids.sfid18(ids.PHOTO, photo.pk)
    else:
        photo_id, kind_prefix = None, params.DEFAULT_PHOTO_PREFIX[kind]

    def rendition(size):
        name = photo_id if photo_id else kind_prefix
        return call.absolute(reverse("chatter:profile-photo", args=[name, size]))

    def email(size):
        token = email_token(kind, target, photo, size)
        return call.absolute(reverse("chatter:email-photo", args=[token]))

    values = {
        "fullEmailPhotoUrl": lambda: email("F"),
        "largePhotoUrl": lambda: rendition("F"),
        "mediumPhotoUrl": lambda: rendition("M"),
        "photoVersionId": lambda: photo_id,
        "smallPhotoUrl": lambda: rendition("T"),
        "standardEmailPhotoUrl": lambda: email("T"),
        "url": lambda: url,
    }
    return {name: values[name]() for name, since in PHOTO_PROPERTIES.items()
            if call.since(since)}


def email_token(kind: str, target, photo, size: str) -> str:
    """A signed, time-stamped token naming the target, the photo version (its public ID, or
    None for the default photo) and the size (read by ``params.read_email_token``)."""
    return signing.dumps({"k": kind, "t": target.pk, "v": photo.public_id if photo else None,
                          "s": size}, key=settings.EMAIL_PHOTO_SIGNING_KEY,
                         salt=params.EMAIL_SALT, compress=True)


# --- users --------------------------------------------------------------------------------------
def user_path(call: Call, user) -> str:
    return f"{call.base}chatter/users/{ids.sfid18(ids.USER, user.pk)}"


def user_photo_path(call: Call, user) -> str:
    """The user photo resource: ``chatter/users/{id}/photo`` up to 34.0, then
    ``connect/user-profiles/{id}/photo``."""
    user_id = ids.sfid18(ids.USER, user.pk)
    if call.since(until="34.0"):
        return f"{call.base}chatter/users/{user_id}/photo"
    return f"{call.base}connect/user-profiles/{user_id}/photo"


def user_photo(call: Call, user, **photo) -> dict:
    """The user's Photo body: their current photo, or ``photo=`` (None for the default)."""
    return photo_body(call, "user", user, user_photo_path(call, user), **photo)


def user_summary(call: Call, user) -> dict:
    """Chatter's User Summary."""
    return {
        "additionalLabel": None,
        "communityNickname": user.username,
        "companyName": None,
        "displayName": user.display_name,
        "firstName": user.first_name or None,
        "id": ids.sfid18(ids.USER, user.pk),
        "isActive": user.is_active,
        "isInThisCommunity": True,
        "lastName": user.last_name or user.username,
        "mySubscription": None,
        "name": user.display_name,
        "photo": user_photo(call, user),
        "title": None,
        "type": "User",
        "url": user_path(call, user),
        "userType": "Internal",
    }


# --- communities, groups and members ------------------------------------------------------------
def community_path(call: Call, community) -> str:
    return f"{call.base}connect/communities/{community.sfid}"


def groups_path(call: Call, community=None) -> str:
    """``chatter/groups``, under ``connect/communities/{id}/`` for a community's groups."""
    prefix = f"connect/communities/{community.sfid}/" if community else ""
    return f"{call.base}{prefix}chatter/groups"


def group_path(call: Call, group) -> str:
    return f"{groups_path(call, group.community if group.community_id else None)}/{group.sfid}"


def community_body(call: Call, community) -> dict:
    return {
        "description": community.description or None,
        "id": community.sfid,
        "invitationsEnabled": False,
        "name": community.name,
        "sendWelcomeEmail": False,
        "status": "Live",
        "url": community_path(call, community),
        "urlPathPrefix": community.url_path_prefix or None,
    }


def community_list(call: Call, communities) -> dict:
    communities = list(communities)
    return {"communities": [community_body(call, c) for c in communities],
            "total": len(communities)}


def group_photo(call: Call, group, **photo) -> dict:
    """The group's Photo body: its current photo, or ``photo=`` (None for the default)."""
    return photo_body(call, "group", group, f"{group_path(call, group)}/photo", **photo)


def group_body(call: Call, group, role: str) -> dict:
    """A Group body; ``role`` is the caller's ``myRole`` (the groups app's rule)."""
    return {
        "additionalLabel": None,
        "community": ({"id": group.community.sfid, "url": community_path(call, group.community)}
                      if group.community_id else None),
        "description": group.description or None,
        "id": group.sfid,
        "isArchived": False,
        "isAutoArchiveDisabled": False,
        "memberCount": group.memberships.count(),
        "myRole": role,
        "mySubscription": None,
        "name": group.name,
        "owner": user_summary(call, group.owner),
        "photo": group_photo(call, group),
        "type": "CollaborationGroup",
        "url": group_path(call, group),
        "visibility": group.visibility,
    }


def group_page(call: Call, groups, role_of, links: dict) -> dict:
    return {"groups": [group_body(call, group, role_of(group)) for group in groups], **links}


def member_path(call: Call, member) -> str:
    return f"{call.base}chatter/group-memberships/{member.sfid}"


def member_body(call: Call, member, role: str) -> dict:
    """A Group Member body; ``role`` is the member's role (GroupOwner for the owner)."""
    return {
        "id": member.sfid,
        "role": role,
        "url": member_path(call, member),
        "user": user_summary(call, member.user),
    }


def member_page(call: Call, members, role_of, mine, total: int, links: dict) -> dict:
    return {
        "members": [member_body(call, member, role_of(member)) for member in members],
        "myMembership": ({"id": mine.sfid, "url": member_path(call, mine)} if mine else None),
        "totalMemberCount": total,
        **links,
    }


# --- files --------------------------------------------------------------------------------------
def files_root(call: Call) -> str:
    """``chatter/files/`` up to 35.0, ``connect/files/`` from 36.0."""
    return f"{call.base}{'chatter' if call.since(until='35.0') else 'connect'}/files/"


def user_files_path(call: Call, user_id: str) -> str:
    if call.since(until="35.0"):
        return f"{call.base}chatter/users/{user_id}/files"
    return f"{call.base}connect/files/users/{user_id}"


def file_summary(call: Call, version, latest=None) -> dict:
    """A File Summary of ``version`` (a FileVersion); ``latest`` is the file's newest one."""
    file = version.file
    root = f"{files_root(call)}{file.sfid}"
    latest = latest or version
    return {
        "checksum": version.checksum,
        "contentModifiedDate": sf_date(version.created_at),
        "contentSize": version.byte_size,
        "contentUrl": None,
        "createdDate": sf_date(file.created_at),
        "description": version.description or None,
        "downloadUrl": f"{root}/content?versionNumber={version.number}",
        "fileExtension": version.extension or None,
        "fileType": FILE_TYPES.get(version.extension, version.extension.capitalize() or
                                   "Unknown"),
        "flashRenditionStatus": "Na",
        "id": file.sfid,
        "isInMyFileSync": False,
        "isMajorVersion": True,
        "latestPublishedVersionId": latest.sfid,
        "mimeType": version.mime_type,
        "modifiedDate": sf_date(version.created_at),
        "mySubscription": None,
        "name": version.title,
        "origin": "Chatter",
        "owner": user_summary(call, file.owner),
        "pageCount": 0,
        "pdfRenditionStatus": "Na",
        "publishStatus": "PrivateAccess",
        "renditionUrl": None,
        "renditionUrl240By180": None,
        "renditionUrl720By480": None,
        "sharingRole": "Owner" if call.user.pk == file.owner_id else "Viewer",
        "thumb120By90RenditionStatus": "Na",
        "thumb240By180RenditionStatus": "Na",
        "thumb720By480RenditionStatus": "Na",
        "title": version.title,
        "type": "File",
        "url": f"{root}?versionNumber={version.number}",
        "versionNumber": str(version.number),
    }


def file_page(call: Call, versions, links: dict) -> dict:
    return {"files": [file_summary(call, version) for version in versions], **links}
