"""The records app's domain errors.

Each is one of ``photos.errors``' kinds (so every dialect can render it) with a ``reason`` that
the Zoho table (``photos/dialects/zoho.py``) turns into Zoho's exact code and message.
"""

from photos import errors


class ModuleNotFound(errors.NotFound):
    """No module has this API name."""

    def __init__(self, api_name: str = ""):
        super().__init__(f"No module is named {api_name!r}.", reason="module_unknown")


class ModuleNotInAPI(errors.InvalidInput):
    """The module exists but this API does not serve it."""

    def __init__(self, api_name: str = ""):
        super().__init__(f"The module {api_name!r} is not supported here.",
                         reason="module_not_in_api")


class RecordNotFound(errors.NotFound):
    """No record of this module, in the caller's workspace, has this ID."""

    def __init__(self):
        super().__init__("No such record.", reason="record_unknown")


class PrivilegeMissing(errors.PermissionDenied):
    """The caller's role, or the module's settings, forbid this operation on any record."""

    def __init__(self, action: str):
        super().__init__(f"User does not have sufficient privilege to {action} photo",
                         reason="privilege")


class RecordPermissionDenied(errors.PermissionDenied):
    """The caller may not change this record."""

    def __init__(self, action: str):
        super().__init__(f"Permission denied to {action} photo")


class NoPhoto(errors.NotFound):
    """The record has no photo."""

    def __init__(self):
        super().__init__("No such photo exists", reason="no_photo")


class ParamMissing(errors.InvalidInput):
    """A mandatory parameter is missing."""

    def __init__(self, param: str):
        super().__init__(f"The parameter {param!r} is missing.", reason="param_missing",
                         param=param)


class FieldInvalid(errors.InvalidInput):
    """One field of a record's data is unacceptable."""

    def __init__(self, api_name: str, message: str = "invalid data"):
        super().__init__(message, reason="field_invalid", api_name=api_name)
