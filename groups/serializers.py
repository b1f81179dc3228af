"""Chatter's bodies for communities, groups and group members, and the paths of their
resources."""

from files.chatter import Call, page_urls
from files.profiles import photo_body, user_summary
from groups.models import Community, Group, GroupMember
from groups.permissions import OWNER_ROLE, role_of


def community_path(call: Call, community: Community) -> str:
    return f"{call.base}connect/communities/{community.sfid}"


def group_path(call: Call, group: Group) -> str:
    """``chatter/groups/{id}``, under ``connect/communities/{id}/`` for a community's group."""
    prefix = f"connect/communities/{group.community.sfid}/" if group.community_id else ""
    return f"{call.base}{prefix}chatter/groups/{group.sfid}"


def community_body(call: Call, community: Community) -> dict:
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


def group_photo(call: Call, group: Group, **photo) -> dict:
    """The group's Photo body: its current photo, or ``photo=`` (None for the default)."""
    return photo_body(call, "group", group, f"{group_path(call, group)}/photo", **photo)


def group_body(call: Call, group: Group, member_count: int | None = None) -> dict:
    if member_count is None:
        member_count = group.memberships.count()
    return {
        "additionalLabel": None,
        "community": ({"id": group.community.sfid, "url": community_path(call, group.community)}
                      if group.community_id else None),
        "description": group.description or None,
        "id": group.sfid,
        "isArchived": False,
        "isAutoArchiveDisabled": False,
        "memberCount": member_count,
        "myRole": role_of(group, call.user),
        "mySubscription": None,
        "name": group.name,
        "owner": user_summary(call, group.owner),
        "photo": group_photo(call, group),
        "type": "CollaborationGroup",
        "url": group_path(call, group),
        "visibility": group.visibility,
    }


def member_path(call: Call, member: GroupMember) -> str:
    return f"{call.base}chatter/group-memberships/{member.sfid}"


def member_body(call: Call, member: GroupMember) -> dict:
    owner = member.user_id == member.group.owner_id
    return {
        "id": member.sfid,
        "role": OWNER_ROLE if owner else member.role,
        "url": member_path(call, member),
        "user": user_summary(call, member.user),
    }


def member_page(call: Call, group: Group, members, page: int, size: int, total: int,
                mine: GroupMember | None) -> dict:
    return {
        "members": [member_body(call, member) for member in members],
        "myMembership": ({"id": mine.sfid, "url": member_path(call, mine)} if mine else None),
        "totalMemberCount": total,
        **page_urls(call, f"{group_path(call, group)}/members", page, size, total),
    }
