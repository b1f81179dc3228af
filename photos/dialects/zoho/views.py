"""The base view of the Zoho dialect: errors in Zoho's body with the statuses of the view's
product, and the checks in Zoho's order of concerns, run before the handler: the token (401),
the organisation, the module (INVALID_MODULE), then the token's scope for that module
(OAUTH_SCOPE_MISMATCH). The app that owns the resources says how a module is found
(:meth:`ZohoView.find_module`)."""

from functools import cache

from accounts.permissions import HasPrincipal, principal_of
from photos import errors
from photos.dialects.base import make_handler, make_view_class
from photos.dialects.zoho import presenters, schema
from photos.dialects.zoho.errors import TABLE, TABLES
from photos.dialects.zoho.permissions import (
    SCOPE_MISMATCH,
    HasZohoModuleScope,
    InOrganization,
)


def render(error: errors.DomainError, product: str | None = None) -> tuple[int, dict]:
    if isinstance(error, errors.RowsRefused):
        # Zoho's multi-status: each row answers for itself, refused ones in this table's words
        rows = [render(outcome, product)[1] if isinstance(outcome, errors.DomainError)
                else outcome for outcome in error.outcomes]
        return (400 if error.all_refused else 207), presenters.data(rows)
    row = TABLES.get(product, TABLE).row(error)
    return row.status, presenters.body(row.code, row.message, row.details)


@cache
def handler_for(product: str | None):
    return make_handler(lambda error: render(error, product))


_Base, _ = make_view_class("ZohoAPIView", render)


class ZohoAPIView(_Base):
    """Errors in Zoho's body, with the statuses of ``product`` (given by the URL conf)."""

    product: str | None = None

    @property
    def openapi_tag(self) -> str:
        return schema.TAGS[self.product]

    @property
    def openapi_errors(self) -> dict:
        return schema.errors_for(self.product)

    def get_exception_handler(self):
        return handler_for(self.product)

    def permission_denied(self, request, message=None, code=None):
        if code == SCOPE_MISMATCH and request.successful_authenticator:
            raise errors.ScopeMissing()
        super().permission_denied(request, message, code)


class ZohoView(ZohoAPIView):
    """A view of a module's resources (URL parameter ``module_name``)."""

    permission_classes = [HasPrincipal, InOrganization, HasZohoModuleScope]

    def get_permissions(self):
        permissions = super().get_permissions()
        for permission in permissions:
            if isinstance(permission, HasZohoModuleScope):
                permission.product = self.product  # which product's scopes it names
        return permissions

    @property
    def principal(self):
        return principal_of(self.request)

    def find_module(self, workspace, api_name: str):
        """The module ``api_name`` of ``workspace`` for this view's product; raises
        ``ModuleUnknown`` or ``ModuleNotInAPI``. The app owning modules answers."""
        raise NotImplementedError

    def get_module(self):
        """The URL's module, looked up once per request."""
        if getattr(self, "_module", None) is None:
            self._module = self.find_module(self.principal.workspace, self.kwargs["module_name"])
        return self._module

    @property
    def module(self):
        return self.get_module()
