"""The one scope registry for every dialect Photodesk serves.

Fixed scopes are listed by name; a dialect whose scopes are patterns (Zoho's module scopes)
registers them at start-up (:func:`register`, :func:`register_pattern`), as photo targets
register their types, so this registry can issue tokens for them without knowing the dialect.
"""

FIXED: dict[str, str] = {
    # Salesforce (Chatter REST API)
    "api": "Salesforce: access the REST API (Chatter included)",
    "chatter_api": "Salesforce: access the Chatter REST API only",
    "full": "Salesforce: full access",
    # generic photo API (seed 001)
    "user_photos": "Photos of the user (generic API and Graph API)",
    "workspace_photos": "Photos of the workspace",
    "manage_photos": "Update and delete photos",
    # Graph API
    "friends_photos": "Graph: photos of users who share a workspace with you",
    "publish_stream": "Graph: publish photos, comments, likes and tags",
    # token introspection (RFC 7662), for resource servers
    "introspection": "Introspect tokens",
}

# Scopes never granted by default: only to an application whose allowed scopes name them, which
# only an operator sets (the admin). ``introspection`` reads every token: the resource server's.
PRIVILEGED = frozenset({"introspection"})

# Scopes known by pattern, registered by their dialect: (what clients are shown, matcher).
PATTERNS: list[tuple[str, object]] = []

# Salesforce: a token with `full` or `api` reaches Chatter; `chatter_api` reaches Chatter only.
CHATTER_SCOPES = frozenset({"api", "chatter_api", "full"})


def register(scopes: dict[str, str]) -> None:
    """Fixed scopes of a dialect, name -> description."""
    FIXED.update(scopes)


def register_pattern(pattern: str, matches) -> None:
    """A family of scopes: ``pattern`` as clients are shown it, ``matches(scope) -> bool``."""
    if all(known != pattern for known, _ in PATTERNS):
        PATTERNS.append((pattern, matches))


def is_known(scope: str) -> bool:
    return scope in FIXED or any(matches(scope) for _, matches in PATTERNS)


def is_privileged(scope: str) -> bool:
    return scope in PRIVILEGED


def chatter_allows(granted) -> bool:
    return bool(CHATTER_SCOPES & set(granted))


def has(granted, scope: str) -> bool:
    """A fixed scope, or one implied by another granted one."""
    granted = set(granted)
    if scope in granted:
        return True
    return scope in CHATTER_SCOPES and "full" in granted
