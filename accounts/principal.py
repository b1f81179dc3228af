"""Who is calling: the answer every view asks for."""

from dataclasses import dataclass

from accounts import scopes as registry


@dataclass(frozen=True)
class Principal:
    """The owner of an access token.

    A user token acts for ``user`` (and, for workspace-scoped questions, in ``workspace``, the
    application's workspace or else the user's first one); a workspace token (client
    credentials of an application owned by a workspace) has no user. ``application`` is the
    third party that will be recorded as having created objects.
    """

    user: object | None
    workspace: object | None
    application: object
    scopes: frozenset
    token: object

    @property
    def kind(self) -> str:
        return "user" if self.user is not None else "workspace"

    @property
    def is_user(self) -> bool:
        return self.user is not None

    @property
    def is_workspace(self) -> bool:
        return self.user is None

    def has_scope(self, scope: str) -> bool:
        return registry.has(self.scopes, scope)


    def workspace_ids(self) -> set[int]:
        """Workspaces whose objects this principal may see as a member."""
        if self.user is not None:
            return self.user.workspace_ids()
        return {self.workspace.pk} if self.workspace is not None else set()


def principal_for_token(token) -> Principal:
    application = token.application
    user = token.user
    workspace = application.workspace
    if user is not None and (workspace is None or workspace.pk not in user.workspace_ids()):
        membership = user.memberships.select_related("workspace").order_by("joined_at").first()
        workspace = membership.workspace if membership else None
    return Principal(
        user=user,
        workspace=workspace,
        application=application,
        scopes=frozenset(token.scope.split()),
        token=token,
    )
