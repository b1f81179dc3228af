"""How Photodesk's token transports and its OAuth 2 server appear in the OpenAPI document.

Every API endpoint takes a token in any of the header transports ``accounts.authentication``
reads, so each is a security scheme and every operation lists them as alternatives; the
``access_token`` parameter only where the view takes it (``token_in_parameters``: Graph's). A
permission class tells which scopes an operation needs through ``openapi_scopes(method) ->
list[str]``; they are listed on the ``oauth2`` alternative.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers

from accounts import scopes

TRANSPORTS = {
    "bearer": {"type": "http", "scheme": "bearer",
               "description": "`Authorization: Bearer <token>` (OAuth 2)."},
    "salesforce": {"type": "apiKey", "in": "header", "name": "Authorization",
                   "description": "`Authorization: OAuth <token>` (Salesforce clients)."},
    "zoho": {"type": "apiKey", "in": "header", "name": "Authorization",
             "description": "`Authorization: Zoho-oauthtoken <token>` (Zoho clients)."},
    "access_token": {"type": "apiKey", "in": "query", "name": "access_token",
                     "description": "`?access_token=<token>` (Graph clients; also read from "
                                    "the `access_token` field of a form body)."},
}


def oauth2_scheme() -> dict:
    described = {**scopes.FIXED, **{pattern: "Scopes of this form" for pattern, _ in
                                    scopes.PATTERNS}}
    return {
        "type": "oauth2",
        "description": "Tokens from Photodesk's own OAuth 2 server (`/o/`). The authorization "
                       "code flow requires PKCE (S256).",
        "flows": {
            "authorizationCode": {"authorizationUrl": "/o/authorize/", "tokenUrl": "/o/token/",
                                  "refreshUrl": "/o/token/", "scopes": described},
            "clientCredentials": {"tokenUrl": "/o/token/", "scopes": described},
        },
    }


def scopes_of(view, method: str) -> list[str]:
    needed = []
    for permission in view.get_permissions():
        describe = getattr(permission, "openapi_scopes", None)
        if describe is not None:
            needed += [scope for scope in describe(method) if scope not in needed]
    return needed


def scope_alternatives(view, method: str) -> list[list[str]]:
    """Each set of scopes enough for the operation: a permission that takes one scope of
    several (a user's or a workspace's) lists them in ``openapi_scope_alternatives(method) ->
    list[list[str]]``; each becomes its own ``oauth2`` requirement, with ``scopes_of``'s."""
    alternatives = [scopes_of(view, method)]
    for permission in view.get_permissions():
        describe = getattr(permission, "openapi_scope_alternatives", None)
        if describe is not None:
            alternatives = [[*needed, *(scope for scope in extra if scope not in needed)]
                            for needed in alternatives for extra in describe(method)]
    return alternatives


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.TokenAuthentication"
    name = ["oauth2", *TRANSPORTS]

    def get_security_definition(self, auto_schema):
        return [oauth2_scheme(), *TRANSPORTS.values()]

    def get_security_requirement(self, auto_schema):
        parameters = getattr(auto_schema.view, "token_in_parameters", False)
        return [*({"oauth2": needed} for needed in scope_alternatives(auto_schema.view,
                                                                       auto_schema.method)),
                *({name: []} for name in TRANSPORTS
                  if parameters or TRANSPORTS[name].get("in") != "query")]


def _form(properties: dict, required=()) -> dict:
    return {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
        "type": "object", "properties": properties, "required": list(required)}}}}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_STRING = {"type": "string"}
_TEXT = {"type": "string", "minLength": 1}
OAUTH_ERROR = {  # RFC 6749 section 5.2
    "type": "object", "required": ["error"],
    "properties": {"error": _STRING, "error_description": _STRING, "error_uri": _STRING},
}
_TOKEN = {  # RFC 6749 section 5.1
    "type": "object", "required": ["access_token", "token_type"],
    "properties": {"access_token": _STRING, "token_type": _STRING,
                   "expires_in": {"type": "integer"}, "refresh_token": _STRING,
                   "scope": _STRING},
}
_INTROSPECTION = {  # RFC 7662 section 2.2
    "type": "object", "required": ["active"],
    "properties": {"active": {"type": "boolean"}, "scope": _STRING, "exp": {"type": "integer"},
                   "client_id": _STRING, "username": _STRING,
                   "aud": {"type": "array", "items": _STRING}},
}
_CLIENT = {"client_id": _STRING, "client_secret": _STRING}
_OAUTH = {"tags": ["OAuth 2"], "security": [{}]}
_PAGE = {"text/html": {"schema": _STRING}}
# the toolkit's refusal of a protected resource: an empty body (Django's default type)
_EMPTY_REFUSAL = {"text/html": {"schema": {"type": "string", "maxLength": 0}}}
_LOCATION = {"Location": {"schema": _STRING}}
_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer", "minimum": 1},
                                "description": "Seconds until the rate allows another try."}}
_LOGIN_FORM = {
    "type": "object", "required": ["username", "password"],
    "properties": {"username": _STRING, "password": {**_STRING, "format": "password"},
                   "next": {**_STRING, "description": "Where to go once signed in (a path of "
                                                      "this site, e.g. the consent page)."},
                   "csrfmiddlewaretoken": {**_STRING, "description": "The page's CSRF token."}},
}
_LOGIN = {"tags": ["OAuth 2"], "security": [{}]}
_AUTHORIZE_FIELDS = ("response_type", "client_id", "redirect_uri", "scope", "state",
                     "code_challenge", "code_challenge_method")
_CONSENT_FORM = {
    "type": "object",
    "properties": {**{name: _STRING for name in _AUTHORIZE_FIELDS},
                   "allow": {**_STRING, "description": "Present when the user allowed access."},
                   "csrfmiddlewaretoken": {**_STRING, "description": "The page's CSRF token."}},
}

OPENAPI_PATHS = {
    "/o/authorize/": {
        "get": {
            **_OAUTH, "operationId": "o_authorize_get",
            "summary": "Authorization endpoint (authorization code with PKCE): the consent page",
            "description": "For a browser with a session: anyone else is sent to the login "
                           "page first, whatever the request says.",
            "parameters": [
                {"name": name, "in": "query",
                 "required": name in {"client_id", "response_type"}, "schema": _STRING}
                for name in _AUTHORIZE_FIELDS],
            "responses": {
                "200": {"description": "The consent page.", "content": _PAGE},
                "302": {"description": "To the login page, or back to the client's redirect "
                                       "URI (with a code or an error).", "headers": _LOCATION},
                "400": {"description": "An invalid request that cannot be redirected.",
                        "content": _PAGE},
            },
        },
        "post": {
            **_OAUTH, "operationId": "o_authorize_post",
            "summary": "The consent page's form: the user's answer",
            "description": "Sent by the consent page, with its CSRF token and cookie.",
            "requestBody": {"required": True, "content": {
                "application/x-www-form-urlencoded": {"schema": _CONSENT_FORM}}},
            "responses": {
                "200": {"description": "The consent page again (an invalid answer).",
                        "content": _PAGE},
                "302": {"description": "Back to the client's redirect URI (with a code or an "
                                       "error), or to the login page.", "headers": _LOCATION},
                "400": {"description": "An invalid request that cannot be redirected.",
                        "content": _PAGE},
                "403": {"description": "No valid CSRF token.", "content": _PAGE},
            },
        },
    },
    "/o/token/": {"post": {
        **_OAUTH, "operationId": "o_token_post", "summary": "Token endpoint",
        "requestBody": _form({"grant_type": {"type": "string", "enum": [
            "authorization_code", "client_credentials", "refresh_token"]},
            "code": _STRING, "redirect_uri": _STRING, "code_verifier": _STRING,
            "refresh_token": _STRING, "scope": _STRING, **_CLIENT}, ["grant_type"]),
        "responses": {"200": _json("A new access token.", _TOKEN),
                      "400": _json("An invalid grant or request.", OAUTH_ERROR),
                      "401": _json("The client failed to authenticate.", OAUTH_ERROR),
                      "429": {**_json("Too many token requests from this address "
                                      "(`temporarily_unavailable`).", OAUTH_ERROR),
                              "headers": _RETRY_AFTER}},
    }},
    "/o/revoke_token/": {"post": {
        **_OAUTH, "operationId": "o_revoke_token_post", "summary": "Token revocation (RFC 7009)",
        "requestBody": _form({"token": _TEXT, "token_type_hint": {
            "type": "string", "enum": ["access_token", "refresh_token"]}, **_CLIENT},
            ["token"]),
        "responses": {"200": {"description": "Revoked, or already unknown (no body)."},
                      "400": _json("An invalid request.", OAUTH_ERROR),
                      "401": _json("The client failed to authenticate.", OAUTH_ERROR)},
    }},
    "/o/introspect/": {
        method: {
            "tags": ["OAuth 2"], "operationId": f"o_introspect_{method}",
            "summary": "Token introspection (RFC 7662), for resource servers only",
            "description": "The caller authenticates as the resource server: its client "
                           "credentials (HTTP Basic, or in the form), or a token of its with "
                           "the `introspection` scope.",
            "security": [{"oauth2": ["introspection"]}, {"bearer": []}, {}],
            **({"parameters": [{"name": "token", "in": "query", "required": True,
                                "schema": _STRING}]} if method == "get" else
               {"requestBody": _form({"token": _STRING, **_CLIENT}, ["token"])}),
            "responses": {"200": _json("What the token is.", _INTROSPECTION),
                          "400": _json("No token to introspect.", OAUTH_ERROR),
                          "403": {"description": "Not the resource server (an empty body).",
                                  "content": _EMPTY_REFUSAL}},
        }
        for method in ("get", "post")
    },
    "/accounts/login/": {
        "get": {
            **_LOGIN, "operationId": "accounts_login_get",
            "summary": "Sign-in page of every user (the authorization-code flow's login page)",
            "parameters": [{"name": "next", "in": "query", "required": False,
                            "schema": _STRING}],
            "responses": {"200": {"description": "The sign-in form.", "content": _PAGE}},
        },
        "post": {
            **_LOGIN, "operationId": "accounts_login_post",
            "summary": "The sign-in form: username and password",
            "description": "Sent by the sign-in page, with its CSRF token and cookie. Attempts "
                           "are limited per client address and per username "
                           "(`THROTTLE_RATE_LOGIN`).",
            "requestBody": {"required": True, "content": {
                "application/x-www-form-urlencoded": {"schema": _LOGIN_FORM}}},
            "responses": {
                "200": {"description": "The form again: the username and password did not "
                                       "match.", "content": _PAGE},
                "302": {"description": "Signed in: to `next`.", "headers": _LOCATION},
                "403": {"description": "No valid CSRF token.", "content": _PAGE},
                "429": {"description": "Too many attempts from this address or for this "
                                       "username.", "content": _PAGE, "headers": _RETRY_AFTER},
            },
        },
    },
    "/accounts/logout/": {
        "post": {
            **_LOGIN, "operationId": "accounts_logout_post", "summary": "Sign out",
            "description": "Sent by a page of this site, with its CSRF token and cookie.",
            "responses": {
                "302": {"description": "Signed out: to the sign-in page.",
                        "headers": _LOCATION},
                "403": {"description": "No valid CSRF token.", "content": _PAGE},
            },
        },
    },
}


# --- /api/principal and /api/scopes (DRF views: DRF's own error body) --------------------------
SERVICE_TAG = "Service"


class ServiceError(serializers.Serializer):
    detail = serializers.CharField()


SERVICE_ERRORS = {
    401: OpenApiResponse(ServiceError, description="No token, or one that is invalid or "
                                                   "expired."),
    403: OpenApiResponse(ServiceError, description="Refused."),
    405: OpenApiResponse(ServiceError, description="The method is not allowed here."),
    406: OpenApiResponse(ServiceError, description="No acceptable representation (JSON)."),
    415: OpenApiResponse(ServiceError, description="A body in a type not understood."),
    400: OpenApiResponse(ServiceError, description="A body that cannot be parsed."),
    429: OpenApiResponse(ServiceError, description="Too many requests; retry after "
                                                   "`Retry-After` seconds."),
}


class PrincipalUser(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class PrincipalWorkspace(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PrincipalApplication(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(allow_blank=True)
    client_id = serializers.CharField()


class Principal(serializers.Serializer):
    kind = serializers.CharField(help_text="`user` or `workspace`: who the token acts for.")
    user = PrincipalUser(allow_null=True)
    workspace = PrincipalWorkspace(allow_null=True)
    application = PrincipalApplication()
    scopes = serializers.ListField(child=serializers.CharField())
    expires = serializers.DateTimeField()


class TokenInForm(serializers.Serializer):
    access_token = serializers.CharField(required=False, allow_blank=True,
                                         help_text="The token, for clients that can only send "
                                                   "it as a form field.")


class ScopeRegistry(serializers.Serializer):
    scopes = serializers.DictField(child=serializers.CharField(),
                                   help_text="Each scope a client can ask for, described.")
    patterns = serializers.ListField(child=serializers.CharField(),
                                     help_text="Scope patterns (`ZohoCRM.modules.{module}."
                                               "{op}`).")


principal_get = extend_schema(summary="Who the presented token is", responses={200: Principal})
principal_post = extend_schema(
    summary="Who the presented token is (the token in a form field)",
    request={"application/x-www-form-urlencoded": TokenInForm}, responses={200: Principal})
scopes_get = extend_schema(summary="Every scope a client can ask for",
                           responses={200: ScopeRegistry})
