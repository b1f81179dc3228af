from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from oauth2_provider.models import AbstractApplication

from accounts import scopes as registry


class User(AbstractUser):
    """A person. Custom from the first migration so that later fields need no swap."""

    @property
    def display_name(self) -> str:
        """The name every API shows for this person: their full name, else their username."""
        return self.get_full_name() or self.username

    @property
    def is_moderator(self) -> bool:
        return self.is_staff or self.is_superuser

    def workspace_ids(self) -> set[int]:
        return set(self.memberships.values_list("workspace_id", flat=True))


class Workspace(models.Model):
    """A tenant: the Zoho organisation, the Salesforce org, the Graph 'page' of a team."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="workspaces"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        ADMIN = "admin", "Admin"
        MEMBER = "member", "Member"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "workspace"], name="one_membership_per_user")
        ]

    def __str__(self):
        return f"{self.user} in {self.workspace} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role in (self.Role.OWNER, self.Role.ADMIN)


LOOPBACK_HOSTS = {"127.0.0.1", "::1"}  # IP literals, as RFC 8252 §8.3 recommends


class Application(AbstractApplication):
    """An OAuth 2 client: the 'third party' that creates objects.

    A client-credentials application owned by a workspace issues workspace tokens; any other
    issues user tokens. ``allowed_scopes`` narrows what the client may ask for (empty: any
    ordinary scope of the registry); a privileged scope (``introspection``, which makes the
    application the resource server) is allowed only when listed there, which only staff can
    do, in the admin (the client registration pages do not show the field).
    """

    workspace = models.ForeignKey(
        Workspace, null=True, blank=True, on_delete=models.CASCADE, related_name="applications"
    )
    allowed_scopes = models.TextField(
        blank=True, help_text="Space-separated scopes this client may request; empty for any "
                              "but the privileged ones (introspection: list it for the resource "
                              "server only)."
    )

    class Meta(AbstractApplication.Meta):
        swappable = "OAUTH2_PROVIDER_APPLICATION_MODEL"

    def get_allowed_schemes(self):
        """https redirect URIs only (RFC 9700 §2.1), except that a client whose plain-http
        redirect URIs are all loopback ones (a native app's, RFC 8252 §7.3) may use them."""
        from urllib.parse import urlsplit

        schemes = list(super().get_allowed_schemes())
        http = [urlsplit(uri) for uri in self.redirect_uris.split()
                if urlsplit(uri).scheme == "http"]
        if http and "http" not in schemes and all(
                uri.hostname in LOOPBACK_HOSTS for uri in http):
            schemes.append("http")
        return schemes

    def allowed_scope_set(self) -> set[str] | None:
        return set(self.allowed_scopes.split()) or None

    def allows_scope(self, scope: str) -> bool:
        """May this client be granted ``scope`` (by any flow, a refresh included)?"""
        allowed = self.allowed_scope_set()
        if allowed is not None:
            return scope in allowed
        return not registry.is_privileged(scope)

    @property
    def is_resource_server(self) -> bool:
        """Allowed to introspect tokens: an operator listed ``introspection`` for it."""
        return self.allows_scope("introspection")
