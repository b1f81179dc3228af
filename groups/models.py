from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from photos.dialects.chatter import ids


class Community(models.Model):
    """A community (Salesforce's Network, ``0DB...``) of a workspace: its groups are reached
    under ``connect/communities/{communityId}/``."""

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE,
                                  related_name="communities")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url_path_prefix = models.SlugField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "communities"

    def __str__(self):
        return self.name

    @property
    def sfid(self) -> str:
        return ids.sfid18(ids.COMMUNITY, self.pk)


class Group(models.Model):
    """A Chatter group (Salesforce's CollaborationGroup, ``0F9...``) of a workspace, in its
    internal org (no community) or in one of its communities."""

    class Visibility(models.TextChoices):
        PUBLIC = "PublicAccess", "Public"
        PRIVATE = "PrivateAccess", "Private"

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE,
                                  related_name="chatter_groups")
    community = models.ForeignKey(Community, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="groups")
    name = models.CharField(max_length=40)  # Salesforce's limit for group names
    description = models.TextField(blank=True)
    visibility = models.CharField(max_length=16, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="owned_chatter_groups")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="GroupMember",
                                     related_name="chatter_groups")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # Salesforce: group names are unique (case-insensitively) in the org, and in each
            # community
            models.UniqueConstraint(Lower("name"), "workspace", name="unique_group_name_in_org",
                                    condition=models.Q(community__isnull=True)),
            models.UniqueConstraint(Lower("name"), "community",
                                    name="unique_group_name_in_community",
                                    condition=models.Q(community__isnull=False)),
        ]

    def __str__(self):
        return self.name

    @property
    def sfid(self) -> str:
        return ids.sfid18(ids.GROUP, self.pk)

    @property
    def is_private(self) -> bool:
        return self.visibility == self.Visibility.PRIVATE


class GroupMember(models.Model):
    """A user's membership of a group (``0FB...``). The owner is a member too."""

    class Role(models.TextChoices):
        STANDARD = "StandardMember", "Standard member"
        MANAGER = "GroupManager", "Group manager"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="chatter_memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.STANDARD)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group"),
        ]

    def __str__(self):
        return f"{self.user} in {self.group} ({self.role})"

    @property
    def sfid(self) -> str:
        return ids.sfid18(ids.GROUP_MEMBER, self.pk)
