"""The one scope registry for every dialect Photodesk serves.

Fixed scopes are listed by name; Zoho's module scopes are patterns
(``ZohoCRM.modules.{module}.{ALL|READ|WRITE|CREATE|DELETE}``, the same under ``ZohoBigin.``).
``allows()`` answers whether a set of granted scopes covers what an operation needs, including
the implications between scopes (``full`` covers ``api``, ``ZohoCRM.modules.ALL`` covers every
CRM module operation).
"""

import re

# Dialects add their own with register_fixed() (Salesforce's: photos/dialects/chatter)
FIXED: dict[str, str] = {
    # generic photo API (seed 001)
    "user_photos": "Photos of the user (generic API and Graph API)",
    "workspace_photos": "Photos of the workspace",
    "manage_photos": "Update and delete photos",
    # Graph API
    "friends_photos": "Graph: photos of users who share a workspace with you",
    "publish_stream": "Graph: publish photos, comments, likes and tags",
    # Zoho, product-wide
    "ZohoCRM.modules.ALL": "Zoho CRM: every operation on every module",
    "ZohoBigin.modules.ALL": "Bigin: every operation on every module",
    # token introspection (RFC 7662), for resource servers
    "introspection": "Introspect tokens",
}

# Scopes never granted by default: only to an application whose allowed scopes name them, which
# only an operator sets (the admin). ``introspection`` reads every token: the resource server's.
PRIVILEGED = frozenset({"introspection"})

ZOHO_PRODUCTS = ("ZohoCRM", "ZohoBigin")
ZOHO_OPERATIONS = ("ALL", "READ", "WRITE", "CREATE", "DELETE", "UPDATE")
_ZOHO_MODULE_SCOPE = re.compile(
    r"^(?P<product>ZohoCRM|ZohoBigin)\.modules\.(?P<module>[A-Za-z][A-Za-z0-9_]{0,99})"
    r"\.(?P<operation>[A-Za-z]+)$"
)

# scope -> the granted scopes that imply it (registered with the scopes: "full" covers "api")
IMPLIED_BY: dict[str, frozenset] = {}


def register_fixed(described: dict[str, str], implied_by: dict | None = None) -> None:
    """Make a dialect's fixed scopes known, with the scopes that imply them; the dialect calls
    this when its app is ready, so the registry issues tokens without knowing any dialect."""
    FIXED.update(described)
    for scope, wider in (implied_by or {}).items():
        IMPLIED_BY[scope] = frozenset(wider)


def parse_zoho(scope: str) -> tuple[str, str, str] | None:
    """``(product, module lower-cased, operation upper-cased)`` of a module scope, or None."""
    match = _ZOHO_MODULE_SCOPE.match(scope)
    if not match or match["module"].upper() == "ALL":
        return None
    operation = match["operation"].upper()
    if operation not in ZOHO_OPERATIONS:
        return None
    return match["product"], match["module"].lower(), operation


def is_known(scope: str) -> bool:
    return scope in FIXED or parse_zoho(scope) is not None


def is_privileged(scope: str) -> bool:
    return scope in PRIVILEGED


def describe(scope: str) -> str:
    if scope in FIXED:
        return FIXED[scope]
    parsed = parse_zoho(scope)
    if parsed:
        product, module, operation = parsed
        return f"{product}: {operation} on the {module} module"
    return scope


def zoho_allows(granted, product: str, module: str, operations) -> bool:
    """True when ``granted`` covers one of ``operations`` on ``module`` of ``product``.

    ``operations`` is what the endpoint accepts, e.g. ``("WRITE", "CREATE")`` for an upload;
    ``ALL`` at module or product level always counts. Another product's scopes never do.
    """
    if f"{product}.modules.ALL" in granted:
        return True
    wanted = {op.upper() for op in operations} | {"ALL"}
    module = module.lower()
    for scope in granted:
        parsed = parse_zoho(scope)
        if parsed and parsed[0] == product and parsed[1] == module and parsed[2] in wanted:
            return True
    return False


def has(granted, scope: str) -> bool:
    """A fixed scope, or one implied by another granted one."""
    granted = set(granted)
    if scope in granted:
        return True
    return bool(IMPLIED_BY.get(scope, frozenset()) & granted)
