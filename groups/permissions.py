"""Who may see and change groups and communities.

- A public group is visible to the members of its workspace, a private one only to its members;
  a group the caller may not see does not exist for them (404). A workspace token sees the
  public groups of its workspace. Moderators (staff) see everything.
- The owner and the managers of a group change it (its photo, its members); moderators too.
- Anyone who sees a public group may join it (add themselves as a standard member).
"""

from django.db.models import Q

from groups.models import Community, Group, GroupMember

OWNER_ROLE = "GroupOwner"
NOT_A_MEMBER = "NotAMember"


def membership(group: Group, user) -> GroupMember | None:
    if user is None:
        return None
    return group.memberships.filter(user=user).first()


def role_of(group: Group, user) -> str:
    """Chatter's ``myRole``: GroupOwner, GroupManager, StandardMember or NotAMember."""
    if user is not None and group.owner_id == user.pk:
        return OWNER_ROLE
    member = membership(group, user)
    return member.role if member else NOT_A_MEMBER


def can_read(principal, group: Group) -> bool:
    user = principal.user
    if user is not None and user.is_moderator:
        return True
    if group.workspace_id not in principal.workspace_ids():
        return False
    if not group.is_private:
        return True
    return user is not None and (group.owner_id == user.pk or membership(group, user) is not None)


def can_manage(principal, group: Group) -> bool:
    """Change the group: its photo, its members."""
    user = principal.user
    if user is None:
        return False
    if user.is_moderator or group.owner_id == user.pk:
        return True
    member = membership(group, user)
    return member is not None and member.role == GroupMember.Role.MANAGER


def visible_groups(principal):
    """The groups ``principal`` may see, as a queryset."""
    user = principal.user
    if user is not None and user.is_moderator:
        return Group.objects.all()
    in_workspace = Group.objects.filter(workspace_id__in=principal.workspace_ids())
    if user is None:
        return in_workspace.filter(visibility=Group.Visibility.PUBLIC)
    return in_workspace.filter(
        Q(visibility=Group.Visibility.PUBLIC) | Q(owner=user) | Q(memberships__user=user)
    ).distinct()


def can_read_community(principal, community: Community) -> bool:
    user = principal.user
    if user is not None and user.is_moderator:
        return True
    return community.workspace_id in principal.workspace_ids()


def visible_communities(principal):
    user = principal.user
    if user is not None and user.is_moderator:
        return Community.objects.all()
    return Community.objects.filter(workspace_id__in=principal.workspace_ids())


def member_role(member: GroupMember) -> str:
    """A member's role as Chatter shows it: the owner is GroupOwner."""
    return OWNER_ROLE if member.user_id == member.group.owner_id else member.role


def can_add_member(principal, group: Group, user, role: str) -> bool:
    """Managers add anyone; a user may join a public group alone, as a standard member."""
    joining = principal.user is not None and user.pk == principal.user.pk and \
        role == GroupMember.Role.STANDARD and not group.is_private
    return joining or can_manage(principal, group)


def can_remove_member(principal, member: GroupMember) -> bool:
    """Managers remove anyone; a member may leave."""
    leaving = principal.user is not None and member.user_id == principal.user.pk
    return leaving or can_manage(principal, member.group)
