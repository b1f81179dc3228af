"""Users, workspaces and albums can hold photos (profile, workspace and Graph album photos);
registered in ``PhotosConfig.ready()`` so every process (web, worker, commands) knows them."""

from photos.dialects.params import numeric_id
from photos.targets import TargetType, register


def _user_resolve(public_id):
    from accounts.models import User

    pk = numeric_id(public_id)
    return User.objects.filter(pk=pk).first() if pk is not None else None


def _user_can_read(principal, user) -> bool:
    if principal.user is not None:
        return principal.user.pk == user.pk or principal.user.is_moderator or bool(
            principal.workspace_ids() & user.workspace_ids())
    return principal.workspace is not None and principal.workspace.pk in user.workspace_ids()


def _user_can_update(principal, user) -> bool:
    return principal.user is not None and (
        principal.user.pk == user.pk or principal.user.is_moderator)


def _workspace_resolve(public_id):
    from accounts.models import Workspace

    pk = numeric_id(public_id)
    return Workspace.objects.filter(pk=pk).first() if pk is not None else None


def _workspace_can_read(principal, workspace) -> bool:
    if principal.user is not None and principal.user.is_moderator:
        return True
    return workspace.pk in principal.workspace_ids()


def _workspace_can_update(principal, workspace) -> bool:
    if principal.user is None:
        return principal.workspace is not None and principal.workspace.pk == workspace.pk
    if principal.user.is_moderator:
        return True
    membership = workspace.memberships.filter(user=principal.user).first()
    return membership is not None and membership.is_admin


def _album_resolve(public_id):
    from photos.models import Album

    if numeric_id(public_id) is None:  # album IDs are 16 digits
        return None
    return Album.objects.filter(public_id=public_id).first()


def _album_can_read(principal, album) -> bool:
    from photos.permissions import album_readable

    return album_readable(principal, album)


def _album_can_update(principal, album) -> bool:
    from photos.permissions import album_updatable

    return album_updatable(principal, album)


def register_builtin_targets():
    register(TargetType(
        # chatter includes every generic size: a profile photo serves both APIs
        key="user", model="accounts.User", spec_set="chatter", resolve=_user_resolve,
        public_id=lambda user: str(user.pk), can_read=_user_can_read,
        can_update=_user_can_update,
    ))
    register(TargetType(
        key="workspace", model="accounts.Workspace", spec_set="generic",
        resolve=_workspace_resolve, public_id=lambda ws: str(ws.pk),
        can_read=_workspace_can_read, can_update=_workspace_can_update,
        workspace_of=lambda ws: ws,
    ))
    register(TargetType(
        key="album", model="photos.Album", spec_set="graph", resolve=_album_resolve,
        public_id=lambda album: album.public_id, can_read=_album_can_read,
        can_update=_album_can_update,
    ))
