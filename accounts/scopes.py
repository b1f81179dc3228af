"""The one scope registry for every dialect Photodesk serves.

Fixed scopes are listed by name; a dialect whose scopes are patterns (Zoho's module scopes)
registers them at start-up (:func:`register`, :func:`register_pattern`), as photo targets
register their types, so this registry can issue tokens for them without knowing the dialect.
"""

FIXED: dict[str, str] = {
    # generic photo API (seed 001)
    "user_photos": "Photos of the user (generic API and Graph API)",
    "workspace_photos": "Photos of the workspace",
    "manage_photos": "Update and delete photos",
    # token introspection (RFC 7662), for resource servers
    "introspection": "Introspect tokens",
}

# Scopes never granted by default: only to an application whose allowed scopes name them, which
# only an operator sets (the admin). ``introspection`` reads every token: the resource server's.
PRIVILEGED = frozenset({"introspection"})

# Scopes known by pattern, registered by their dialect: (what clients are shown, matcher).
PATTERNS: list[tuple[str, object]] = []

# scope -> the granted scopes that imply it (registered with the scopes: "full" covers "api")
IMPLIED_BY: dict[str, frozenset] = {}


def register(described: dict[str, str], implied_by: dict | None = None) -> None:
    """Make a dialect's fixed scopes known (name -> description), with the scopes that imply
    them; the dialect calls this when its app is ready, so the registry issues tokens without
    knowing any dialect."""
    FIXED.update(described)
    for scope, wider in (implied_by or {}).items():
        IMPLIED_BY[scope] = frozenset(wider)


def register_pattern(pattern: str, matches) -> None:
    """A family of scopes: ``pattern`` as clients are shown it, ``matches(scope) -> bool``."""
    if all(known != pattern for known, _ in PATTERNS):
        PATTERNS.append((pattern, matches))


def is_known(scope: str) -> bool:
    return scope in FIXED or any(matches(scope) for _, matches in PATTERNS)


def is_privileged(scope: str) -> bool:
    return scope in PRIVILEGED




def has(granted, scope: str) -> bool:
    """A fixed scope, or one implied by another granted one."""
    granted = set(granted)
    if scope in granted:
        return True
    return bool(IMPLIED_BY.get(scope, frozenset()) & granted)
