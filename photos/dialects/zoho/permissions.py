"""Zoho's OAuth scopes and the DRF permissions that ask for them.

Module scopes are patterns, ``ZohoCRM.modules.{module}.{ALL|READ|WRITE|CREATE|DELETE|UPDATE}``
(the same under ``ZohoBigin.``), besides the product-wide ``ZohoCRM.modules.ALL``; they are
registered with the accounts' scope registry (:func:`register_scopes`, at start-up) so tokens can
be issued for them. Which operations an HTTP method needs is Zoho's: an upload takes ``WRITE`` or
``CREATE``.
"""

import re

from rest_framework.permissions import BasePermission

from accounts import scopes as registry
from accounts.permissions import principal_of
from photos.dialects.zoho.params import API_NAME, BIGIN, CRM

PRODUCTS = ("ZohoCRM", "ZohoBigin")
# the scope prefix of each product the URLs name
SCOPE_PRODUCT = {CRM: "ZohoCRM", BIGIN: "ZohoBigin"}
OPERATIONS = ("ALL", "READ", "WRITE", "CREATE", "DELETE", "UPDATE")
FIXED = {
    "ZohoCRM.modules.ALL": "Zoho CRM: every operation on every module",
    "ZohoBigin.modules.ALL": "Bigin: every operation on every module",
}
# the metadata APIs' scopes (Zoho's ``settings`` family): the whole family, or one resource's
SETTINGS_RESOURCES = ("fields", "modules")
for _product, _label in (("ZohoCRM", "Zoho CRM"), ("ZohoBigin", "Bigin")):
    FIXED[f"{_product}.settings.ALL"] = f"{_label}: read every setting (fields, modules)"
    for _resource in SETTINGS_RESOURCES:
        for _operation in ("ALL", "READ"):
            FIXED[f"{_product}.settings.{_resource}.{_operation}"] = (
                f"{_label}: read the {_resource} metadata")
_MODULE_SCOPE = re.compile(
    rf"^(?P<product>ZohoCRM|ZohoBigin)\.modules\.(?P<module>{API_NAME})\.(?P<operation>[A-Za-z]+)$")
READ, WRITE, DELETE = ("READ",), ("WRITE", "CREATE"), ("DELETE",)
NEEDED = {"GET": READ, "HEAD": READ, "POST": WRITE, "DELETE": DELETE}
# the code a refusal carries, so the base view answers OAUTH_SCOPE_MISMATCH (not NO_PERMISSION)
SCOPE_MISMATCH = "scope_missing"


def parse(scope: str) -> tuple[str, str, str] | None:
    """``(product, module lower-cased, operation upper-cased)`` of a module scope, or None."""
    match = _MODULE_SCOPE.match(scope)
    if not match or match["module"].upper() == "ALL":
        return None
    operation = match["operation"].upper()
    if operation not in OPERATIONS:
        return None
    return match["product"], match["module"].lower(), operation


def allows(granted, product: str, module: str, operations) -> bool:
    """True when ``granted`` covers one of ``operations`` on ``module`` of ``product``.

    ``operations`` is what the endpoint accepts, e.g. ``("WRITE", "CREATE")`` for an upload;
    ``ALL`` at module or product level always counts. Another product's scopes never do.
    """
    if f"{product}.modules.ALL" in granted:
        return True
    wanted = {op.upper() for op in operations} | {"ALL"}
    module = module.lower()
    for scope in granted:
        parsed = parse(scope)
        if parsed and parsed[0] == product and parsed[1] == module and parsed[2] in wanted:
            return True
    return False


def register_scopes() -> None:
    registry.register(FIXED)
    for product in PRODUCTS:
        registry.register_pattern(
            f"{product}.modules.{{module}}.{{{'|'.join(OPERATIONS)}}}",
            lambda scope, product=product: (parse(scope) or (None,))[0] == product)


class InOrganization(BasePermission):
    """The token acts in a workspace (Zoho's organisation)."""

    message = "the user does not belong to any organization"

    def has_permission(self, request, view):
        principal = principal_of(request)
        return principal is not None and principal.workspace is not None


class HasZohoSettingsScope(BasePermission):
    """The token may read a metadata resource (``fields`` or ``modules``) of a product:
    ``{product}.settings.ALL``, or that resource's ``ALL`` or ``READ`` (Zoho's fields and
    modules APIs). The view sets ``product`` and ``resource``."""

    message = "invalid oauth scope to access this URL"
    code = SCOPE_MISMATCH
    product: str | None = None
    resource: str = "fields"

    def accepted(self) -> list[str]:
        prefix = SCOPE_PRODUCT.get(self.product, PRODUCTS[0])
        return [f"{prefix}.settings.{self.resource}.READ",
                f"{prefix}.settings.{self.resource}.ALL", f"{prefix}.settings.ALL"]

    def openapi_scopes(self, method: str) -> list[str]:
        return []  # one of several: each is an alternative

    def openapi_scope_alternatives(self, method: str) -> list[list[str]]:
        return [[scope] for scope in self.accepted()]

    def has_permission(self, request, view):
        return bool(set(principal_of(request).scopes) & set(self.accepted()))


class HasZohoModuleScope(BasePermission):
    """The token's scopes cover what the request's method does on the view's module
    (``view.get_module()``, which answers INVALID_MODULE first). Zoho's one scope for every
    custom module, ``ZohoCRM.modules.custom.{operation}``, covers each custom module."""

    message = "invalid oauth scope to access this URL"
    code = SCOPE_MISMATCH
    # the view's product (``crm``/``bigin``), set by the view: the scopes the document names
    product: str | None = None

    def openapi_scopes(self, method: str) -> list[str]:
        """The module scope the document lists for ``method``: the first operation of those it
        accepts (an upload's ``CREATE`` and a module's or the product's ``ALL`` count too)."""
        needed = NEEDED.get(method.upper())
        prefix = SCOPE_PRODUCT.get(self.product, PRODUCTS[0])
        return [f"{prefix}.modules.{{module_name}}.{needed[0]}"] if needed else []

    def has_permission(self, request, view):
        needed = NEEDED.get(request.method)
        if needed is None or request.method.lower() not in view.http_method_names:
            return True  # the method is refused as such (INVALID_REQUEST_METHOD), not here
        granted = principal_of(request).scopes
        module = view.get_module()
        product = module.scope_product
        return allows(granted, product, module.api_name, needed) or (
            module.is_custom and allows(granted, product, "custom", needed))
