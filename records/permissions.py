"""Who may do what with records and their photos.

The rules (also registered with the photo engine, so the generic photo API applies them):
- A record lives in one workspace (the Zoho organisation). A token acts in its principal's
  workspace; a record of any other workspace does not exist for it (``INVALID_DATA``).
- Reading: any member of the record's workspace, and that workspace's tokens.
- Changing a record's photo: the record's owner, the workspace's admins and owners, and the
  workspace's own tokens; any other member gets ``NO_PERMISSION`` (403).
- Privileges (``AUTHORIZATION_FAILED``, 400) are about the module, whatever the record: a
  module whose photo feature is off refuses every photo request, and a module that keeps
  photo changes to admins refuses plain members before any record is looked at.
- Site moderators (staff) get no extra power over an organisation's records.
"""

from accounts.models import Membership


def role_in(principal, workspace_id: int) -> str | None:
    """``"token"`` for the workspace's own token, the member's role, or None."""
    if principal.user is None:
        workspace = principal.workspace
        return "token" if workspace is not None and workspace.pk == workspace_id else None
    return (Membership.objects.filter(user=principal.user, workspace_id=workspace_id)
            .values_list("role", flat=True).first())


def is_admin_role(role: str | None) -> bool:
    return role in ("token", Membership.Role.OWNER, Membership.Role.ADMIN)


def has_photo_privilege(principal, module, change: bool, role: str | None = None) -> bool:
    """The module-level privilege: the photo feature, and who may change photos."""
    if not module.photos_enabled:
        return False
    if not change or module.members_may_change_photos:
        return True
    role = role if role is not None else role_in(principal, module.workspace_id)
    return is_admin_role(role)


def can_read(principal, record) -> bool:
    return role_in(principal, record.workspace_id) is not None


def may_change_record(principal, record, role: str | None = None) -> bool:
    """The record-level rule for changes (its photo included)."""
    role = role if role is not None else role_in(principal, record.workspace_id)
    if role is None:
        return False
    return is_admin_role(role) or (principal.user is not None
                                   and record.owner_id == principal.user.pk)


def can_update_photo(principal, record) -> bool:
    """Both levels at once, for the photo engine's generic API."""
    role = role_in(principal, record.workspace_id)
    return (has_photo_privilege(principal, record.module, change=True, role=role)
            and may_change_record(principal, record, role))
