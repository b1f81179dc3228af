"""Chatter's base views: Salesforce's error body, the version gate, the token's scope and user,
and the version-aware request input.

``BaseAPIView`` speaks Salesforce's error body only (for URLs outside ``/services/data``, such
as the photo URLs); ``APIView`` is the base of every resource under
``/services/data/v{version}/`` (the groups and files apps' views).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from accounts.permissions import HasPrincipal, principal_of
from photos import errors
from photos.delivery import absolute
from photos.dialects.base import make_view_class, to_domain
from photos.dialects.chatter import params
from photos.dialects.chatter import schema as openapi
from photos.dialects.chatter.errors import render
from photos.dialects.chatter.permissions import ERRORS, ActsForUser, HasChatterScope

_BaseAPIView, handler = make_view_class("ChatterBaseAPIView", render)


class BaseAPIView(_BaseAPIView):
    """Salesforce's error body; a refused Chatter permission raises its domain error."""

    schema = openapi.ChatterSchema()
    openapi_tag = openapi.TAG
    openapi_errors = openapi.ERRORS

    def permission_denied(self, request, message=None, code=None):
        error = ERRORS.get(code)
        if error is not None and not (request.authenticators and
                                      not request.successful_authenticator):
            raise error(message or "")
        super().permission_denied(request, message=message, code=code)


@dataclass(frozen=True)
class Call:
    """One Chatter request: who, which API version, and how to write URLs for it."""

    request: object
    principal: object
    version: Decimal
    version_text: str

    @property
    def user(self):
        return self.principal.user

    @property
    def base(self) -> str:
        return f"/services/data/v{self.version_text}/"

    def since(self, since: str | None = None, until: str | None = None) -> bool:
        return params.available(self.version, since, until)

    def absolute(self, path: str) -> str:
        return absolute(self.request, path)


class APIView(BaseAPIView):
    """Base of every view under ``/services/data/v{version}/``.

    Before anything else it checks that the resource exists in the URL's version (``since``,
    ``until``; ``method_since`` for methods added later): an unknown resource is 404 NOT_FOUND, as
    Salesforce answers. Then the token (401), the Chatter scope (401) and a user behind the token
    (403). ``self.call`` describes the request.

    A view that takes uploads sets ``upload_limit_setting``: multipart bodies stream through
    :class:`photos.uploads.StreamingLimit` (``self.streaming``), which every dialect's base
    view installs before anything (authentication included) can read the body.
    """

    since: str = "23.0"
    until: str | None = None
    # the root tag of the resource's XML input and output (``<photo>``); None: JSON only
    xml_root: str | None = None
    method_since: dict[str, str] = {}
    permission_classes = [HasPrincipal, HasChatterScope, ActsForUser]

    def initial(self, request, *args, **kwargs):
        # DRF sets this in its own initial(); the version gate below may refuse before it, and
        # the error's content negotiation needs it (else it falls back to the first renderer)
        self.format_kwarg = self.get_format_suffix(**kwargs)
        version_text = kwargs.get("version", "")
        version = params.parse_version(version_text)
        if not params.available(version, self.since, self.until):
            raise errors.NotFound()
        method_since = self.method_since.get(request.method)
        if method_since and not params.available(version, method_since):
            raise errors.NotFound()
        super().initial(request, *args, **kwargs)
        self.principal = principal_of(request)
        self.call = Call(request=request, principal=self.principal, version=version,
                         version_text=version_text)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.xml_root is not None:  # JSON or XML, as the Accept header says
            patch_vary_headers(response, ("Accept",))
        return without_body(response) if request.method == "HEAD" else response

    def http_method_not_allowed(self, request, *args, **kwargs):
        allowed = [m for m in self.allowed_methods if m != "OPTIONS"]
        raise errors.MethodNotAllowed(method=request.method, allowed=allowed)

    def options(self, request, *args, **kwargs):
        # Salesforce's REST API has no OPTIONS: the method is refused like any other
        return self.http_method_not_allowed(request, *args, **kwargs)

    # --- request input -------------------------------------------------------------------
    def form(self):
        """``(fields, files)`` of a multipart or form body, parsed once (an upload over the
        limit, or cut short, is refused while it is parsed)."""
        request = self.request
        try:
            return request.POST, request.FILES
        except (TooManyFieldsSent, TooManyFilesSent) as exc:
            raise to_domain(exc) from None

    def uploaded(self, field_name: str):
        """``(UploadedFile, Received)`` of the binary part ``field_name``, or ``(None, None)``."""
        _, files = self.form()
        uploaded = files.get(field_name)
        if uploaded is None:
            return None, None
        received = self.streaming.measured(field_name) if self.streaming else None
        return uploaded, received

    def read_input(self, properties: dict[str, str], binary_parts=()) -> dict:
        """The input properties of this request, checked against the URL's version.

        ``properties`` maps each property the resource takes (in any version) to the version
        that introduced it. The source is the JSON body (or the XML one, where the resource
        has an ``xml_root``), else the ``json`` part of a multipart body, else the request
        parameters (query string and form fields).
        """
        request, version = self.request, self.call.version
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        query = request.query_params.dict()
        if not params.has_body(request):
            return params.parameter_input(query, properties, version)
        if content_type == "application/json":
            return params.json_input(request.body, properties, version)
        if content_type == "multipart/form-data":
            data, files = self.form()
            text = params.json_part(data, files)
            if text is not None:
                return params.json_input(text, properties, version)
            fields = {k: v for k, v in data.items() if k not in binary_parts}
            return params.parameter_input({**query, **fields}, properties, version)
        if content_type in ("", "application/x-www-form-urlencoded"):
            form = request.POST.dict() if content_type else {}
            return params.parameter_input({**query, **form}, properties, version)
        if content_type in ("application/xml", "text/xml"):
            if self.xml_root is None:
                raise errors.InvalidInput("XML request bodies are not supported: send JSON.")
            return params.xml_request_input(request, self.xml_root, properties, version)
        raise errors.InvalidInput(f"Unsupported Content-Type: {content_type}")


def without_body(response):
    """``response`` as the answer to HEAD: the same status and headers, no body."""
    if response.status_code == 304:
        return response  # no body and no length of its own: a 304 gives none (RFC 9110 8.6)
    if response.streaming:
        headers = dict(response.items())
        response.close()
        return HttpResponse(status=response.status_code, headers=headers)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if not response.content and response.has_header("Content-Length"):
        return response  # already a HEAD answer (photos.delivery.serve): keep its length
    length = len(response.content)
    response.content = b""
    response["Content-Length"] = str(length)
    return response



def find(queryset, raw, prefix: str):
    """The object of ``queryset`` named by the ID ``raw`` (INVALID_ID_FIELD, NOT_FOUND)."""
    obj = queryset.filter(pk=params.pk_from(raw, prefix)).first()
    if obj is None:
        raise errors.NotFound()
    return obj
