"""Groups as photo targets: the generic photo API reaches a group's photo with these rules."""

from groups import permissions
from groups.models import Group
from photos.dialects.chatter import ids
from photos.targets import TargetType, register


def resolve(public_id):
    """The group whose 15- or 18-character ID is ``public_id``, or None."""
    try:
        pk = ids.pk_of(public_id, ids.GROUP)
    except ids.InvalidId:
        return None
    return Group.objects.select_related("workspace").filter(pk=pk).first()


def register_group_target():
    register(TargetType(
        key="group", model="groups.Group", spec_set="chatter", resolve=resolve,
        public_id=lambda group: group.sfid, can_read=permissions.can_read,
        can_update=permissions.can_manage, workspace_of=lambda group: group.workspace,
    ))
