"""Who may do what with a photo, in the words of each API that serves it.

Each function answers one question; the views raise the domain error that fits (an object the
caller may not see is ``NotFound``, never a 403 that would confirm it exists).

Generic photo API (seed 001), for a token of a user or of a workspace:
- read: ``user_photos`` / ``workspace_photos``; a temporary photo must be the caller's own, an
  attached one needs the target's own read rule;
- update (attach a temporary photo): ``manage_photos``, the caller's own temporary photo and the
  target's update rule;
- delete: ``manage_photos`` and the caller's own temporary photo, or the target's update rule;
- publish through ``/{object}/{id}/photos``: ``manage_photos`` and the target's update rule.
A target's rules are those its app registers with its type (``photos.targets``), the same ones
its own dialect enforces: a group's owner and managers (Chatter), a record's owner and the
workspace's admins within the module's privilege (Zoho), a user themself, a workspace's admins
and its own token, an album's owner; site moderators too, but not for records. A target the
caller cannot read is not found; one they can read but not update is a 403.

Graph API (seed 004): the caller stands to a photo's or an album's people (owner, tagged users)
as one of them (``self``) or as someone sharing a workspace with one of them (``friend``); a
workspace token counts as a friend of the workspace's members. No photo is public: a photo
without such a relation is invisible. Which scope each relation needs is the dialect's
(``photos.dialects.graph.permissions``).
"""

from __future__ import annotations

from accounts.models import Membership
from photos import errors, targets


# --- the generic photo API (its scopes: photos.dialects.generic.permissions) --------------------
def owns_temporary(principal, photo) -> bool:
    """A temporary photo belongs to the person who uploaded it, or to the workspace whose own
    token uploaded it (no user)."""
    if principal.is_user:
        return photo.owner_id == principal.user.pk
    return (photo.owner_id is None and principal.workspace is not None
            and photo.workspace_id == principal.workspace.pk)


def target_of(photo):
    """``(TargetType, object)`` the photo is attached to; the object is None when gone."""
    if photo.target_type_id is None:
        return None, None
    model = photo.target_type.model_class()
    target_type = next((t for t in targets.all_types()
                        if model is not None and t.model == model._meta.label), None)
    if target_type is None:
        return None, None
    return target_type, model._default_manager.filter(pk=photo.target_id).first()


def generic_can_see(principal, photo) -> bool:
    """The read rule without its scope (decides between 404 and 403 for writes too)."""
    if photo.is_temporary:
        return owns_temporary(principal, photo)
    target_type, target = target_of(photo)
    return target is not None and bool(target_type.can_read(principal, target))


def generic_can_delete(principal, photo) -> bool:
    if photo.is_temporary:
        return owns_temporary(principal, photo)
    target_type, target = target_of(photo)
    return target is not None and bool(target_type.can_update(principal, target))


def require_target_update(principal, target_type, target) -> None:
    """Publishing or attaching onto ``target`` changes it: its own update rule. Asked once the
    caller is known to see it (an object they cannot see is NotFound, never this 403)."""
    if not target_type.can_update(principal, target):
        raise errors.PermissionDenied(f"You may not add photos to this {target_type.key}.")


# --- albums (a photo target) --------------------------------------------------------------------
def shares_workspace(principal, user_ids) -> bool:
    """A user shares a workspace with one of ``user_ids`` (a workspace token: they are members)."""
    user_ids = [uid for uid in user_ids if uid is not None]
    if not user_ids:
        return False
    workspaces = principal.workspace_ids()
    return bool(workspaces) and Membership.objects.filter(
        user_id__in=user_ids, workspace_id__in=workspaces).exists()


def album_readable(principal, album) -> bool:
    if principal.is_user and (principal.user.pk == album.owner_id or principal.user.is_moderator):
        return True
    return shares_workspace(principal, [album.owner_id])


def album_updatable(principal, album) -> bool:
    return principal.is_user and (principal.user.pk == album.owner_id
                                  or principal.user.is_moderator)


# --- the Graph API ------------------------------------------------------------------------------
# the relations Graph's read scopes are granted for (photos.dialects.graph.permissions)
SELF, FRIEND = "self", "friend"


def relation_to_people(principal, people) -> set[str]:
    """How the caller stands to a photo or album whose people (owner, tagged users) are given:
    ``self`` (one of them), ``friend`` (shares a workspace with one of them), both or neither."""
    people = {pid for pid in people if pid is not None}
    relation = set()
    if principal.is_user and principal.user.pk in people:
        relation.add(SELF)
    others = people - ({principal.user.pk} if principal.is_user else set())
    if shares_workspace(principal, others):
        relation.add(FRIEND)
    return relation


def photo_people(photo) -> set[int]:
    tagged = photo.tags.filter(user__isnull=False).values_list("user_id", flat=True)
    return {photo.owner_id, *tagged}
