"""The Chatter resources of groups, communities and users.

Under ``/services/data/v{version}/``, every group resource also exists under
``connect/communities/{communityId}/``, where it reaches only that community's groups (without
the prefix, only the groups of the internal org):

- ``chatter/groups``: GET the groups the caller sees; POST (from 29.0) creates one;
- ``chatter/groups/{groupId}``: GET; ``.../members``: GET, POST ``{"userId", "role"}``;
- ``chatter/group-memberships/{membershipId}``: GET, DELETE;
- ``chatter/users/{userId}``: GET a User Summary;
- ``connect/communities`` and ``connect/communities/{communityId}`` (from 26.0): GET.

The photo resources are in ``groups.photo_views``; the photo URLs they hand out, the versions
list and the catch-all in ``photos.api.chatter``.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from accounts.models import User
from groups import permissions, services
from groups.models import Community, Group, GroupMember
from photos import errors, targets
from photos.dialects.chatter import ids, presenters
from photos.dialects.chatter import schema as openapi
from photos.dialects.chatter.pagination import ChatterPagination
from photos.dialects.chatter.views import APIView, find
from photos.dialects.params import text as text_value

GROUP_PROPERTIES = {"name": "29.0", "visibility": "29.0", "description": "29.0"}
MEMBER_PROPERTIES = {"userId": "23.0", "role": "29.0"}
ROLES = {"StandardMember": GroupMember.Role.STANDARD, "Standard": GroupMember.Role.STANDARD,
         "GroupManager": GroupMember.Role.MANAGER}


class GroupsView(APIView):
    def the_community(self, community_id) -> Community | None:
        if community_id is None:
            return None
        community = find(Community.objects.all(), community_id, ids.COMMUNITY)
        if not permissions.can_read_community(self.principal, community):
            raise errors.NotFound()
        return community

    def the_group(self, group_id, community_id=None) -> Group:
        community = self.the_community(community_id)
        group = find(Group.objects.select_related("owner", "community"), group_id, ids.GROUP)
        if group.community_id != (community.pk if community else None):
            raise errors.NotFound()
        if not permissions.can_read(self.principal, group):
            raise errors.NotFound()
        return group

    def the_user(self, user_id) -> User:
        if user_id == "me":
            return self.call.user
        user = find(User.objects.filter(is_active=True), user_id, ids.USER)
        if not targets.by_key("user").can_read(self.principal, user):
            raise errors.NotFound()
        return user

    def group_body(self, group: Group) -> dict:
        return presenters.group_body(self.call, group, self.role_of(group))

    def role_of(self, group: Group) -> str:
        return permissions.role_of(group, self.call.user)


# --- groups and members -------------------------------------------------------------------------
class GroupListView(GroupsView):
    method_since = {"POST": "29.0"}
    http_method_names = ["get", "post"]

    @extend_schema(summary="The groups the caller sees", parameters=openapi.PAGE_PARAMETERS,
                   responses={200: openapi.ChatterGroupPage})
    def get(self, request, version, community_id=None):
        community = self.the_community(community_id)
        groups = (permissions.visible_groups(self.principal)
                  .filter(community=community).select_related("owner", "community")
                  .order_by("name", "pk"))
        paginator = ChatterPagination(presenters.groups_path(self.call, community))
        page = paginator.paginate_queryset(groups, request, self)
        return Response(presenters.group_page(self.call, page, self.role_of, paginator.links()))

    @extend_schema(summary="Create a group (from 29.0)", request=openapi.GROUP_INPUT,
                   responses={201: openapi.ChatterGroup})
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
        return Response(self.group_body(group), status=201)


class GroupDetailView(GroupsView):
    http_method_names = ["get", "head"]

    @extend_schema(summary="A group", responses={200: openapi.ChatterGroup})
    def get(self, request, version, group_id, community_id=None):
        return Response(self.group_body(self.the_group(group_id, community_id)))


class GroupMembersView(GroupsView):
    http_method_names = ["get", "post"]

    @extend_schema(summary="A group's members", parameters=openapi.PAGE_PARAMETERS,
                   responses={200: openapi.ChatterGroupMemberPage})
    def get(self, request, version, group_id, community_id=None):
        group = self.the_group(group_id, community_id)
        members = (group.memberships.select_related("user", "group")
                   .order_by("created_at", "pk"))
        paginator = ChatterPagination(f"{presenters.group_path(self.call, group)}/members")
        page = paginator.paginate_queryset(members, request, self)
        mine = permissions.membership(group, self.call.user)
        return Response(presenters.member_page(self.call, page, permissions.member_role, mine,
                                               paginator.total, paginator.links()))

    @extend_schema(summary="Add a member to a group", request=openapi.MEMBER_INPUT,
                   responses={201: openapi.ChatterGroupMember})
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
        if not permissions.can_add_member(self.principal, group, user, ROLES[role]):
            raise errors.ReadOnly("Only the group's owner and managers add members.")
        member = services.add_member(group, user, ROLES[role])
        return Response(presenters.member_body(self.call, member,
                                               permissions.member_role(member)), status=201)


class MembershipView(GroupsView):
    http_method_names = ["get", "delete"]

    def the_member(self, membership_id) -> GroupMember:
        member = find(GroupMember.objects.select_related("group", "user"), membership_id,
                      ids.GROUP_MEMBER)
        if not permissions.can_read(self.principal, member.group):
            raise errors.NotFound()
        return member

    @extend_schema(summary="A group membership", responses={200: openapi.ChatterGroupMember})
    def get(self, request, version, membership_id):
        member = self.the_member(membership_id)
        return Response(presenters.member_body(self.call, member,
                                               permissions.member_role(member)))

    @extend_schema(summary="Remove a member from a group", responses={204: None})
    def delete(self, request, version, membership_id):
        member = self.the_member(membership_id)
        if not permissions.can_remove_member(self.principal, member):
            raise errors.ReadOnly("Only the group's owner and managers remove members.")
        services.remove_member(member)
        return Response(status=204)


class CommunityListView(GroupsView):
    since = "26.0"
    http_method_names = ["get"]

    @extend_schema(summary="The communities the caller sees (from 26.0)",
                   responses={200: openapi.ChatterCommunityList})
    def get(self, request, version):
        communities = permissions.visible_communities(self.principal).order_by("name", "pk")
        return Response(presenters.community_list(self.call, communities))


class CommunityDetailView(GroupsView):
    since = "26.0"
    http_method_names = ["get"]

    @extend_schema(summary="A community (from 26.0)", responses={200: openapi.ChatterCommunity})
    def get(self, request, version, community_id):
        return Response(presenters.community_body(self.call, self.the_community(community_id)))


class UserDetailView(GroupsView):
    http_method_names = ["get", "head"]

    @extend_schema(summary="A user's summary", responses={200: openapi.ChatterUserSummary})
    def get(self, request, version, user_id):
        return Response(presenters.user_summary(self.call, self.the_user(user_id)))
