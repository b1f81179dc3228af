"""Domain errors: typed exceptions raised by services and by the imaging pipeline.

One class per case a client can be told apart, its facts in named fields (``InvalidId(value)``,
``AlbumFull(limit)``); ``message`` is a plain sentence for people and logs. Each API dialect's
table (``photos/dialects/<dialect>.py``) maps the classes to its own status, code and wording;
no view builds an error body by hand, and no table reads a string to tell cases apart.

Pure Python (no Django import) so that ``photos.imaging`` can raise them.
"""


class DomainError(Exception):
    """Base of every error a dialect knows how to render."""

    def __init__(self, message: str = ""):
        # the class's docstring says what went wrong when the raise site has nothing to add
        self.message = message or (type(self).__doc__ or type(self).__name__).strip()
        super().__init__(self.message)


# --- the photo itself -------------------------------------------------------------------------
class ImageError(DomainError):
    """The uploaded image cannot be used."""


class UnsupportedFormat(ImageError):
    """The file is not an image of an accepted format."""

    def __init__(self, message: str = "", *, mime: str | None = None, accepted=()):
        super().__init__(message)
        self.mime = mime  # the image's type, when it is an image of a refused format
        self.accepted = tuple(accepted)


class CorruptImage(ImageError):
    """The image is truncated or corrupt."""


class PhotoTooLarge(ImageError):
    """The image exceeds the allowed size."""


class FileTooLarge(PhotoTooLarge):
    """The file exceeds the allowed number of bytes."""

    def __init__(self, message: str = "", *, limit: int | None = None, size: int | None = None):
        super().__init__(message)
        self.limit = limit
        self.size = size  # None when the body was cut off before its end was known


class TooManyPixels(PhotoTooLarge):
    """The image exceeds the allowed number of pixels."""

    def __init__(self, message: str = "", *, width: int | None = None,
                 height: int | None = None, frames: int = 1):
        super().__init__(message)
        self.width, self.height, self.frames = width, height, frames


class DecompressionBomb(TooManyPixels):
    """The image declares far more pixels than its file could honestly hold."""


class CropOutOfBounds(ImageError):
    """The crop square leaves the image."""


# --- who is asking ----------------------------------------------------------------------------
class NotAuthenticated(DomainError):
    """No valid access token was given."""


class TokenMissing(NotAuthenticated):
    """The request carries no access token."""


class NoCurrentUser(TokenMissing):
    """The request names the current user ("me") but no user's token says who that is."""


class TokenInvalid(NotAuthenticated):
    """The access token is unknown, revoked, or its owner inactive."""


class TokenExpired(TokenInvalid):
    """The access token has expired."""


class PermissionDenied(DomainError):
    """The caller may not do this."""


class ScopeMissing(PermissionDenied):
    """The token lacks a scope this operation needs."""

    def __init__(self, message: str = "", *, scope: str = ""):
        super().__init__(message)
        self.scope = scope  # "" when the dialect does not name the one it wanted


class ReadOnly(PermissionDenied):
    """The caller sees the object but may not change it."""


class PrivilegeMissing(PermissionDenied):
    """The caller's role, or the module's settings, forbid this on any record of the module."""

    def __init__(self, action: str):
        super().__init__(f"You may not {action} photos of this module's records.")
        self.action = action  # "upload", "delete", "download"


class RecordChangeDenied(PermissionDenied):
    """The caller may not change this record."""

    def __init__(self, action: str):
        super().__init__(f"You may not {action} the photo of this record.")
        self.action = action


# --- what was asked for -----------------------------------------------------------------------
class NotFound(DomainError):
    """The requested resource does not exist."""

    def __init__(self, message: str = "", *, method: str = ""):
        super().__init__(message)
        self.method = method  # the request's HTTP method, for dialects that name it ("" unknown)


class AliasesUnknown(NotFound):
    """Some of the objects named together (Graph's ``?ids=a,b``) do not exist for the caller."""

    def __init__(self, message: str = "", *, aliases=()):
        self.aliases = list(aliases)
        super().__init__(message or "Some of the aliases you requested do not exist: "
                         + ",".join(self.aliases))


class ModuleUnknown(NotFound):
    """No module has this API name (named by the path, or by the parameter ``param``)."""

    def __init__(self, name: str, *, param: str | None = None):
        super().__init__(f"No module is named {name!r}.")
        self.name, self.param = name, param


class RecordUnknown(NotFound):
    """No record of this module, in the caller's workspace, has this ID."""


class NoPhoto(NotFound):
    """The record has no photo."""


class MethodNotAllowed(DomainError):
    """The HTTP method is not valid for this resource."""

    def __init__(self, message: str = "", *, method: str = "", allowed=()):
        super().__init__(message)
        self.method = method
        self.allowed = tuple(allowed)


# --- what was sent ----------------------------------------------------------------------------
class InvalidInput(DomainError):
    """A parameter is missing or malformed."""

    def __init__(self, message: str = "", *, param: str | None = None):
        super().__init__(message)
        self.param = param  # the parameter at fault, when one is


class JsonSyntax(InvalidInput):
    """The JSON document is malformed, too deep, or holds what cannot be stored."""

    def __init__(self, message: str = "", *, param: str | None = "body"):
        super().__init__(message, param=param)


class XmlSyntax(JsonSyntax):
    """The XML body is malformed, is not the resource's document, or holds what a safe parser
    refuses (a DTD, entities): a body parser error, as a JSON one is."""


class UnrecognizedField(InvalidInput):
    """The JSON body has a property this resource does not have (in the URL's API version)."""

    def __init__(self, field: str, *, line: int = 1, column: int = 1):
        super().__init__(f"The body has no field {field!r} here (line {line}, column {column}).",
                         param=field)
        self.field, self.line, self.column = field, line, column


class UnrecognizedParameter(InvalidInput):
    """A request parameter that the URL's API version does not have yet."""

    def __init__(self, name: str, *, since: str):
        super().__init__(f"The parameter {name!r} exists from version {since}.", param=name)
        self.name, self.since = name, since


class InvalidId(InvalidInput):
    """An ID that is malformed, or names another type of object than the resource takes."""

    def __init__(self, value):
        super().__init__(f"Invalid identifier: {value}")
        self.value = value


class Duplicate(InvalidInput):
    """The object already exists (a group's name, a membership)."""


class InvalidPlace(InvalidInput):
    """An upload's place is not a page (workspace) the caller belongs to."""

    def __init__(self, value):
        super().__init__("Invalid place: a page (workspace) you belong to.", param="place")
        self.value = value


class InvalidTagUser(InvalidInput):
    """A tag names no person the caller may tag (malformed, unknown or invisible)."""

    def __init__(self, value):
        super().__init__(f"Invalid user id {value} to tag.", param="to")
        self.value = value


class TaggedTwice(Duplicate):
    """A person is tagged at most once in a photo."""

    def __init__(self, value):
        super().__init__("A person can be tagged only once in a photo.", param="to")
        self.value = value


class NotTagged(InvalidInput):
    """The person to untag has no tag in the photo."""

    def __init__(self, value):
        super().__init__(f"User {value} is not tagged in this photo.", param="to")
        self.value = value


class MissingFile(InvalidInput):
    """The request carries no file to make a photo of."""


class ParamMissing(InvalidInput):
    """A mandatory parameter is missing."""

    def __init__(self, name: str):
        super().__init__(f"The parameter {name!r} is missing.", param=name)


class ModuleNotInAPI(InvalidInput):
    """The module exists but this API does not serve it."""

    def __init__(self, name: str, *, param: str | None = None):
        super().__init__(f"The module {name!r} is not supported here.", param=param)
        self.name = name


class FieldInvalid(InvalidInput):
    """One field of a record's data is unacceptable."""

    def __init__(self, field: str, message: str = "invalid data"):
        super().__init__(message, param=field)
        self.field = field


class RowsRefused(InvalidInput):
    """Some rows of a batch were refused; the others were written."""

    def __init__(self, outcomes: list):
        super().__init__()
        # in the batch's order: a written row's body (a dict), or the DomainError refusing it
        self.outcomes = list(outcomes)

    @property
    def all_refused(self) -> bool:
        return all(isinstance(outcome, DomainError) for outcome in self.outcomes)


# --- URLs this server fetches (photos.outbound) -----------------------------------------------
class OutboundRefused(InvalidInput):
    """The URL may not be fetched: its scheme, or an address it leads to, is not allowed."""


class UnusableUrl(OutboundRefused):
    """The URL is empty, malformed, has no host or carries credentials."""


class SchemeNotAllowed(OutboundRefused):
    """Only http and https URLs are fetched."""

    def __init__(self, scheme: str):
        super().__init__("Only http and https URLs can be fetched.")
        self.scheme = scheme


class AddressNotAllowed(OutboundRefused):
    """The URL's host resolves to an address that may not be reached."""

    def __init__(self, what: str):
        super().__init__(f"The URL leads to {what}, which is not allowed.")
        self.what = what  # "a loopback address", "a cloud metadata address"...


class OutboundFailed(InvalidInput):
    """The remote end did not answer usefully (unreachable, too slow, an error status)."""


class HostUnresolved(OutboundFailed):
    """The URL's host name does not resolve."""

    def __init__(self, host: str):
        super().__init__(f"The host {host} cannot be resolved.")
        self.host = host


class NetworkFailure(OutboundFailed):
    """The connection could not be made, or broke."""


class RemoteTimeout(OutboundFailed):
    """The remote server took too long (to connect, or to answer in all)."""


class TooManyRedirects(OutboundFailed):
    """The URL redirects more times than are followed."""

    def __init__(self, limit: int):
        super().__init__(f"More than {limit} redirects.")
        self.limit = limit


class ErrorStatus(OutboundFailed):
    """The URL answered with a status other than 2xx."""

    def __init__(self, status: int):
        super().__init__(f"The URL answered HTTP {status}.")
        self.status = status


# --- containers -------------------------------------------------------------------------------
class LimitReached(DomainError):
    """A container is full, or a request asks for more than is allowed at once."""


class AlbumFull(LimitReached):
    """The album holds as many photos as it may."""

    def __init__(self, limit: int):
        super().__init__(f"The album holds at most {limit} photos.")
        self.limit = limit


class TooManyTags(LimitReached):
    """The photo would have more tags than it may."""

    def __init__(self, limit: int):
        super().__init__(f"A photo can have at most {limit} tags.")
        self.limit = limit


class TooManyRecords(LimitReached):
    """More records than one request may insert."""

    def __init__(self, limit: int):
        super().__init__(f"at most {limit} records can be inserted at once")
        self.limit = limit


class Throttled(LimitReached):
    """The caller sent more requests than its rate allows."""

    # who the spent rate belongs to: a user's token, an application's token (a workspace's, no
    # user), or an address that sent no valid token (anonymous calls, bad tokens, logins)
    USER, APPLICATION, ADDRESS = "user", "application", "address"

    def __init__(self, message: str = "", *, retry_after: int = 60, holder: str = ADDRESS):
        super().__init__(message)
        self.retry_after = retry_after  # seconds, for the Retry-After header
        self.holder = holder


# --- this server ------------------------------------------------------------------------------
class Unavailable(DomainError):
    """A service Photodesk needs (storage, the database) is unavailable: try again later."""

    def __init__(self, message: str = "", *, retry_after: int = 30):
        super().__init__(message)
        self.retry_after = retry_after  # seconds, for the Retry-After header


class StorageFull(Unavailable):
    """Storage has no room left for the file."""


class InternalError(DomainError):
    """An unexpected error; its cause is logged, never shown."""

    def __init__(self, message: str = "", *, error_id: str = ""):
        super().__init__(message)
        self.error_id = error_id  # the id logged with the traceback
