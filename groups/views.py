"""The Chatter resources of groups, communities and users, and the photo URLs they hand out.

Under ``/services/data/v{version}/``, every group resource also exists under
``connect/communities/{communityId}/``, where it reaches only that community's groups (without
the prefix, only the groups of the internal org):

- ``chatter/groups``: GET the groups the caller sees; POST (from 29.0) creates one;
- ``chatter/groups/{groupId}``: GET; ``.../members``: GET, POST ``{"userId", "role"}``;
- ``chatter/group-memberships/{membershipId}``: GET, DELETE;
- ``chatter/groups/{groupId}/photo``: GET, HEAD, POST, DELETE (the Group Photo resource);
- ``chatter/users/{userId}/photo`` (23.0 to 34.0: GET, HEAD, POST) and
  ``connect/user-profiles/{userId}/photo`` (from 35.0: GET, POST, DELETE);
- ``connect/communities`` and ``connect/communities/{communityId}`` (from 26.0): GET.

And the photo URLs of the Photo body: ``/profilephoto/{photoVersionId}/{F|M|T}`` (a token that
may see the group or user), ``/profilephoto/0F9|005/{F|M|T}`` (the default photos, public) and
``/ncsphoto/{token}`` (the e-mail URLs: signed, public, 30 days, each bound to the photo version
it was issued for).
"""

from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import principal_of
from files.chatter import (
    COMMUNITY,
    FILE,
    GROUP,
    GROUP_MEMBER,
    PHOTO,
    USER,
    ChatterView,
    find,
    page_params,
    page_urls,
    pk_from,
    without_body,
)
from files.models import File
from files.permissions import can_read as can_read_file
from files.profiles import (
    DEFAULT_PREFIX,
    SIZES,
    photo_body,
    read_email_token,
    user_photo_path,
    user_summary,
)
from files.services import open_content
from groups import defaults, permissions, services
from groups.models import Community, Group, GroupMember
from groups.serializers import (
    community_body,
    group_body,
    group_photo,
    member_body,
    member_page,
)
from photos import delivery, errors, imaging, targets
from photos import services as photos
from photos.delivery import Cache
from photos.dialects import chatter as dialect
from photos.dialects.params import text as text_value
from photos.dialects.params import whole_number
from photos.models import Photo

PHOTO_PROPERTIES = {"cropSize": "29.0", "cropX": "29.0", "cropY": "29.0", "fileId": "25.0",
                    "versionNumber": "25.0"}
UPLOAD_PART = "fileUpload"
GROUP_PROPERTIES = {"name": "29.0", "visibility": "29.0", "description": "29.0"}
MEMBER_PROPERTIES = {"userId": "23.0", "role": "29.0"}
ROLES = {"StandardMember": GroupMember.Role.STANDARD, "Standard": GroupMember.Role.STANDARD,
         "GroupManager": GroupMember.Role.MANAGER}


class GroupsView(ChatterView):
    def the_community(self, community_id) -> Community | None:
        if community_id is None:
            return None
        community = find(Community.objects.all(), community_id, COMMUNITY)
        if not permissions.can_read_community(self.principal, community):
            raise errors.NotFound()
        return community

    def the_group(self, group_id, community_id=None) -> Group:
        community = self.the_community(community_id)
        group = find(Group.objects.select_related("owner", "community"), group_id, GROUP)
        if group.community_id != (community.pk if community else None):
            raise errors.NotFound()
        if not permissions.can_read(self.principal, group):
            raise errors.NotFound()
        return group

    def the_user(self, user_id) -> User:
        if user_id == "me":
            return self.call.user
        user = find(User.objects.filter(is_active=True), user_id, USER)
        if not targets.by_key("user").can_read(self.principal, user):
            raise errors.NotFound()
        return user


# --- groups and members -------------------------------------------------------------------------
class GroupListView(GroupsView):
    method_since = {"POST": "29.0"}
    http_method_names = ["get", "post"]

    def get(self, request, version, community_id=None):
        community = self.the_community(community_id)
        groups = (permissions.visible_groups(self.principal)
                  .filter(community=community).select_related("owner", "community")
                  .order_by("name", "pk"))
        page, size = page_params(request)
        total = groups.count()
        path = f"{self.call.base}" + (
            f"connect/communities/{community.sfid}/" if community else "") + "chatter/groups"
        return Response({
            "groups": [group_body(self.call, group)
                       for group in groups[page * size:(page + 1) * size]],
            **page_urls(self.call, path, page, size, total),
        })

    def post(self, request, version, community_id=None):
        community = self.the_community(community_id)
        values = self.read_input(GROUP_PROPERTIES)
        name = text_value(values.get("name"), "name", 40).strip()
        if not name:
            raise errors.InvalidInput("name: a group needs a name.")
        visibility = values.get("visibility")
        if visibility not in Group.Visibility.values:
            raise errors.InvalidInput(
                f"visibility: expected PublicAccess or PrivateAccess, got {visibility!r}")
        workspace = community.workspace if community else self.principal.workspace
        if workspace is None:
            raise errors.PermissionDenied("You belong to no workspace to create a group in.")
        group = services.create_group(
            owner=self.call.user, workspace=workspace, community=community, name=name,
            visibility=visibility,
            description=text_value(values.get("description"), "description", 4000))
        return Response(group_body(self.call, group), status=201)


class GroupDetailView(GroupsView):
    http_method_names = ["get", "head"]

    def get(self, request, version, group_id, community_id=None):
        return Response(group_body(self.call, self.the_group(group_id, community_id)))


class GroupMembersView(GroupsView):
    http_method_names = ["get", "post"]

    def get(self, request, version, group_id, community_id=None):
        group = self.the_group(group_id, community_id)
        page, size = page_params(request)
        members = (group.memberships.select_related("user", "group")
                   .order_by("created_at", "pk"))
        total = members.count()
        mine = permissions.membership(group, self.call.user)
        return Response(member_page(self.call, group, members[page * size:(page + 1) * size],
                                    page, size, total, mine))

    def post(self, request, version, group_id, community_id=None):
        group = self.the_group(group_id, community_id)
        values = self.read_input(MEMBER_PROPERTIES)
        raw_user = values.get("userId")
        if not raw_user:
            raise errors.InvalidInput("userId: the user to add is required.")
        user = self.the_user(raw_user)
        role = values.get("role") or "StandardMember"
        if role not in ROLES:
            raise errors.InvalidInput(
                f"role: expected StandardMember or GroupManager, got {role!r}")
        joining = user.pk == self.call.user.pk and ROLES[role] == GroupMember.Role.STANDARD \
            and not group.is_private
        if not (joining or permissions.can_manage(self.principal, group)):
            raise errors.ReadOnly("Only the group's owner and managers add members.")
        if group.workspace_id not in user.workspace_ids():
            raise errors.InvalidInput("The user is not in the group's workspace.")
        member = services.add_member(group, user, ROLES[role])
        return Response(member_body(self.call, member), status=201)


class MembershipView(GroupsView):
    http_method_names = ["get", "delete"]

    def the_member(self, membership_id) -> GroupMember:
        member = find(GroupMember.objects.select_related("group", "user"), membership_id,
                      GROUP_MEMBER)
        if not permissions.can_read(self.principal, member.group):
            raise errors.NotFound()
        return member

    def get(self, request, version, membership_id):
        return Response(member_body(self.call, self.the_member(membership_id)))

    def delete(self, request, version, membership_id):
        member = self.the_member(membership_id)
        leaving = member.user_id == self.call.user.pk
        if not (leaving or permissions.can_manage(self.principal, member.group)):
            raise errors.ReadOnly("Only the group's owner and managers remove members.")
        services.remove_member(member)
        return Response(status=204)


class CommunityListView(GroupsView):
    since = "26.0"
    http_method_names = ["get"]

    def get(self, request, version):
        communities = permissions.visible_communities(self.principal).order_by("name", "pk")
        return Response({"communities": [community_body(self.call, c) for c in communities],
                         "total": communities.count()})


class CommunityDetailView(GroupsView):
    since = "26.0"
    http_method_names = ["get"]

    def get(self, request, version, community_id):
        return Response(community_body(self.call, self.the_community(community_id)))


class UserDetailView(GroupsView):
    http_method_names = ["get", "head"]

    def get(self, request, version, user_id):
        return Response(user_summary(self.call, self.the_user(user_id)))


# --- the photo resources ------------------------------------------------------------------------
class PhotoView(GroupsView):
    """The Photo resource of a group or a user: GET/HEAD the Photo body, POST a new photo
    (multipart ``fileUpload``, or an existing file by ``fileId``/``versionNumber``, with an
    optional crop square), DELETE back to the default photo."""

    upload_limit_setting = "PHOTO_MAX_BYTES"

    def target(self, kwargs):
        raise NotImplementedError

    def body(self, target, **photo) -> dict:
        raise NotImplementedError

    def may_update(self, target) -> bool:
        raise NotImplementedError

    def get(self, request, version, **kwargs):
        return Response(self.body(self.target(kwargs)))

    def post(self, request, version, **kwargs):
        target = self.target(kwargs)
        if not self.may_update(target):
            raise errors.ReadOnly(f"You cannot change the photo of this {self.kind}.")
        multipart = (request.content_type or "").startswith("multipart/form-data")
        uploaded, _ = self.uploaded(UPLOAD_PART) if multipart else (None, None)
        values = self.read_input(PHOTO_PROPERTIES, binary_parts=(UPLOAD_PART,))
        crop = crop_of(values)
        file_id = values.get("fileId") or None
        number = whole_number(values.get("versionNumber"), "versionNumber", minimum=1)
        if uploaded is not None:
            if file_id or number:
                raise errors.InvalidInput(
                    "Give either a file in the fileUpload part or a fileId, not both.")
            photo = services.set_photo(target, uploaded, principal=self.principal,
                                       name=uploaded.name, crop=crop)
        elif file_id:
            if not isinstance(file_id, str):
                raise errors.InvalidId(file_id)
            version = self.file_version(file_id, number)
            with open_content(version) as content:
                photo = services.set_photo(target, content, principal=self.principal,
                                           name=version.title, crop=crop,
                                           limits=services.file_photo_limits())
        elif number:
            raise errors.InvalidInput("versionNumber: it chooses a version of fileId, which "
                                      "is missing.")
        else:
            raise errors.InvalidInput(
                f"Upload an image in the {UPLOAD_PART} part of a multipart request, or give "
                "the fileId of an existing file.")
        return Response(self.body(target, photo=photo), status=201)

    def delete(self, request, version, **kwargs):
        target = self.target(kwargs)
        if not self.may_update(target):
            raise errors.ReadOnly(f"You cannot change the photo of this {self.kind}.")
        services.remove_photo(target)
        return Response(status=204)

    def file_version(self, file_id: str, number: int | None):
        file = find(File.objects.all(), file_id, FILE)
        if not can_read_file(self.principal, file):
            raise errors.NotFound()
        version = file.version(number)
        if version is None:
            raise errors.NotFound()
        return version


def crop_of(values: dict):
    """The crop square, when ``cropX``, ``cropY`` and ``cropSize`` are all given."""
    given = {name: whole_number(values.get(name), name) for name in ("cropX", "cropY", "cropSize")}
    present = [name for name, value in given.items() if value is not None]
    if not present:
        return None
    if len(present) < 3:
        raise errors.InvalidInput("cropX, cropY and cropSize are required together to crop.")
    return imaging.Crop(given["cropX"], given["cropY"], given["cropSize"])


class GroupPhotoView(PhotoView):
    kind = "group"
    http_method_names = ["get", "head", "post", "delete"]

    def target(self, kwargs):
        return self.the_group(kwargs["group_id"], kwargs.get("community_id"))

    def body(self, group, **photo):
        return group_photo(self.call, group, **photo)

    def may_update(self, group) -> bool:
        return permissions.can_manage(self.principal, group)


class UserPhotoView(PhotoView):
    """``chatter/users/{id}/photo`` (23.0-34.0, GET HEAD POST) and
    ``connect/user-profiles/{id}/photo`` (35.0 on, GET POST DELETE): a user changes only their
    own photo; moderators any."""

    kind = "user"

    def target(self, kwargs):
        return self.the_user(kwargs["user_id"])

    def body(self, user, **photo):
        return photo_body(self.call, "user", user, user_photo_path(self.call, user), **photo)

    def may_update(self, user) -> bool:
        return targets.by_key("user").can_update(self.principal, user)


# --- the photo URLs -----------------------------------------------------------------------------
class PhotoFileView(dialect.BaseAPIView):
    """Serves photo bytes; authentication is lazy, since default and e-mail photos need none."""

    permission_classes = []
    http_method_names = ["get", "head"]

    def perform_authentication(self, request):
        pass

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return without_body(response) if request.method == "HEAD" else response

    def serve(self, kind: str, target, photo, size: str):
        """The ``size`` rendition of ``photo`` once it is ready; until then (or without one) the
        photo the target shows now, else the default photo."""
        spec = SIZES[size]
        own = photo.rendition(spec) if photo is not None and photo.is_ready else None
        if own is not None:
            return self.rendition_response(own, Cache.PRIVATE_DAY)
        showing = photos.current_photo(target)
        rendition = showing.rendition(spec) if showing is not None else None
        if rendition is not None:
            return self.rendition_response(rendition, Cache.PRIVATE_CURRENT)
        return self.default_response(kind, size, Cache.STAND_IN)

    def rendition_response(self, rendition, cache: Cache):
        return delivery.serve(rendition.storage_key, rendition.mime_type, cache=cache,
                              request=self.request)

    def default_response(self, kind: str, size: str, cache: Cache):
        return delivery.serve(defaults.default_photo(kind, size), defaults.MIME_TYPE,
                              cache=cache, request=self.request)


class ProfilePhotoView(PhotoFileView):
    def get(self, request, photo_id, size):
        kind = {prefix: kind for kind, prefix in DEFAULT_PREFIX.items()}.get(photo_id)
        if kind is not None:
            return self.default_response(kind, size, Cache.PUBLIC_DAY)
        principal = principal_of(request)
        if principal is None:
            raise errors.TokenMissing()
        if not principal.chatter_allowed():
            raise errors.ScopeMissing()
        photo = (Photo.objects.prefetch_related("renditions")
                 .filter(pk=pk_from(photo_id, PHOTO)).first())
        target = photo.target if photo is not None else None
        target_type = targets.for_object(target) if target is not None else None
        if target_type is None or target_type.key not in DEFAULT_PREFIX:
            raise errors.NotFound()
        if not target_type.can_read(principal, target):
            raise errors.NotFound()
        return self.serve(target_type.key, target, photo, size)


class EmailPhotoView(PhotoFileView):
    """An e-mail URL shows only the photo version it was issued for: that photo once it is
    ready (the default photo until then), 404 once it is deleted; one issued while the target
    had no photo shows the default photo, whatever is uploaded later."""

    authentication_classes = []

    def get(self, request, token):
        value = read_email_token(token)
        kind, size = value["k"], value["s"]
        model = Group if kind == "group" else User
        target = model.objects.filter(pk=value["t"]).first()
        if target is None:
            raise errors.NotFound()
        if value["v"] is None:
            return self.default_response(kind, size, Cache.STAND_IN)
        photo = (photos.photos_of(target).prefetch_related("renditions")
                 .filter(public_id=value["v"]).first())
        if photo is None:  # deleted (or moved): never another photo of the target
            raise errors.NotFound()
        rendition = photo.rendition(SIZES[size]) if photo.is_ready else None
        if rendition is None:
            return self.default_response(kind, size, Cache.STAND_IN)
        return self.rendition_response(rendition, Cache.PRIVATE_DAY)


class VersionsView(dialect.BaseAPIView):
    """``GET /services/data/``: the API versions served, as Salesforce lists them (no token)."""

    authentication_classes = []
    permission_classes = []
    http_method_names = ["get", "head"]

    def get(self, request):
        return Response(dialect.versions())


class UnknownResourceView(dialect.BaseAPIView):
    """Anything else under /services/data/: Salesforce's 404 NOT_FOUND body."""

    authentication_classes = []
    permission_classes = []

    def initial(self, request, *args, **kwargs):
        raise errors.NotFound()

