import logging
import uuid
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404
from rest_framework import exceptions as drf
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import throttling
from accounts.authentication import TokenExpired
from photos import errors, uploads

logger = logging.getLogger("photodesk.errors")

# a table's message column: the error's own sentence
OWN = attrgetter("message")


class ErrorTable:
    """A dialect's rows: domain error class -> its columns (a NamedTuple: status, code,
    message...), each a value or a function of the error (for wording built from its fields).

    An error takes the row of its own class, else of the nearest class it derives from, so the
    order of the rows does not matter and the ``DomainError`` row answers every other error.
    """

    def __init__(self, rows: dict):
        if errors.DomainError not in rows:
            raise ValueError("an error table needs a DomainError row, its answer to the rest")
        self.rows = dict(rows)

    def row(self, error: errors.DomainError):
        row = next(self.rows[kind] for kind in type(error).__mro__ if kind in self.rows)
        return type(row)(*(column(error) if callable(column) else column for column in row))

    def with_rows(self, rows: dict) -> "ErrorTable":
        """This table with some rows replaced or added (a product's variant of a dialect)."""
        return ErrorTable({**self.rows, **rows})


def to_domain(exc) -> errors.DomainError | None:
    """The domain error behind ``exc`` (DRF's and Django's own exceptions included)."""
    if isinstance(exc, errors.DomainError):
        return exc
    if isinstance(exc, drf.NotAuthenticated):
        return errors.TokenMissing(str(exc.detail))
    if isinstance(exc, TokenExpired):
        return errors.TokenExpired(str(exc.detail))
    if isinstance(exc, drf.AuthenticationFailed):
        return errors.TokenInvalid(str(exc.detail))
    if isinstance(exc, (drf.PermissionDenied, DjangoPermissionDenied)):
        return errors.PermissionDenied(str(getattr(exc, "detail", "")) or "")
    if isinstance(exc, (drf.NotFound, Http404)):
        return errors.NotFound()
    if isinstance(exc, drf.MethodNotAllowed):
        return errors.MethodNotAllowed(str(exc.detail), method=getattr(exc, "method", ""))
    if isinstance(exc, RequestDataTooBig):
        return errors.FileTooLarge("The request body is too large.")
    if isinstance(exc, TooManyFieldsSent):  # Django's own text names its setting
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return errors.InvalidInput(f"The request has too many fields (at most {limit:,}).")
    if isinstance(exc, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return errors.InvalidInput(f"The request has too many files (at most {limit:,}).")
    if isinstance(exc, (drf.ParseError, drf.ValidationError, drf.UnsupportedMediaType)):
        return errors.InvalidInput(_flatten(exc.detail))
    if isinstance(exc, drf.Throttled):
        return errors.Throttled(str(exc.detail), retry_after=throttling.retry_after(exc.wait),
                                holder=getattr(exc, "holder", errors.Throttled.ADDRESS))
    return None


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return "; ".join(_flatten(item) for item in detail)
    return str(detail)


def make_handler(render):
    """A DRF exception handler that renders every error through ``render``.

    Unexpected exceptions become ``InternalError``: logged with an id, answered without a
    traceback.
    """

    def handler(exc, context):
        error = to_domain(exc)
        if error is None:
            error_id = uuid.uuid4().hex[:12]
            logger.exception("unhandled error %s in %s", error_id, context.get("view"))
            error = errors.InternalError("Internal Server Error", error_id=error_id)
        status, body = render(error)
        response = Response(body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="photodesk"'
        if isinstance(error, (errors.Unavailable, errors.Throttled)):
            response["Retry-After"] = str(error.retry_after)
        if isinstance(error, errors.MethodNotAllowed) and error.allowed:
            response["Allow"] = ", ".join(error.allowed)
        return response

    return handler


class LenientNegotiation(DefaultContentNegotiation):
    """An Accept header none of the view's formats satisfies gets its first format (JSON), as
    the APIs we imitate answer it: they ignore what they cannot serve rather than refuse it
    (DRF would raise NotAcceptable, which no dialect answers)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except drf.NotAcceptable:
            return renderers[0], renderers[0].media_type


def make_view_class(name: str, render):
    """A base APIView whose errors speak the dialect of ``render``, whose request body is
    bounded (``photos.uploads``) by the view's ``upload_limit()``, and whose calls count against
    the rate limits (``accounts.throttling``)."""
    handler = make_handler(render)

    class DialectAPIView(throttling.RateLimitedView, APIView):
        content_negotiation_class = LenientNegotiation
        # the setting that holds the largest file this endpoint takes (None: no upload)
        upload_limit_setting: str | None = None

        def get_exception_handler(self):
            return handler

        def upload_limit(self) -> int | None:
            """The largest file the request may carry; None for an endpoint that takes none
            (its bodies are then bounded by DATA_UPLOAD_MAX_MEMORY_SIZE)."""
            setting = self.upload_limit_setting
            return getattr(settings, setting) if setting else None

        def initialize_request(self, request, *args, **kwargs):
            # before anything (authentication included) can read the body
            limit = self.upload_limit()
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if limit is None else limit
            self.streaming = uploads.install(request, limit) if limit is not None else None
            return super().initialize_request(request, *args, **kwargs)

        def initial(self, request, *args, **kwargs):
            uploads.refuse_unknown_length(request)
            super().initial(request, *args, **kwargs)

    DialectAPIView.__name__ = DialectAPIView.__qualname__ = name
    return DialectAPIView, handler
