"""The base view of the generic photo API: errors in its body, and a refused scope answered as
``missing_permission`` naming the scope (``permissions.HasPhotoScope``)."""

from photos import errors
from photos.dialects.base import make_view_class
from photos.dialects.generic import presenters, schema
from photos.dialects.generic.errors import TABLE
from photos.dialects.generic.permissions import SCOPE_MISSING


def render(error: errors.DomainError) -> tuple[int, dict]:
    row = TABLE.row(error)
    return row.status, presenters.error(row.code, error.message)


_Base, _ = make_view_class("GenericAPIView", render)


class GenericView(_Base):
    openapi_tag = schema.TAG
    openapi_errors = schema.ERRORS

    def permission_denied(self, request, message=None, code=None):
        if code == SCOPE_MISSING and request.successful_authenticator:
            raise errors.ScopeMissing(message)
        super().permission_denied(request, message, code)
