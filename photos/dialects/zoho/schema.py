"""The OpenAPI description of the Zoho CRM v2 / Bigin v2 dialect: its bodies (documentation
serializers named as Zoho names its objects), its error body, the statuses its error table can
answer (:func:`errors_for`, per product: Bigin answers 415 where CRM answers 400), the path
parameters with Zoho's own grammar, and the ``extend_schema`` decorators its views wear.

The serializers describe bodies only; ``presenters`` builds them.

Bigin's photo resource is also mounted under ``/bigin/v1/`` (records/urls.py: the Bigin seed's
Deluge sample URL); the same view wears the same decorators there, so the document describes
v1's operations exactly as v2's, under the Bigin tag (tests/records/test_bigin_v1.py).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers

from photos.dialects import params as kit_params
from photos.dialects.zoho import params
from photos.dialects.zoho.errors import ALLOWED_FORMATS, TABLE, TABLES

TAGS = {params.CRM: "Zoho CRM", params.BIGIN: "Bigin"}

API_NAME_PATTERN = rf"^{params.API_NAME}$"
# a record ID as Zoho writes it: ASCII digits that fit a signed 64-bit integer's length
RECORD_ID_PATTERN = r"^[0-9]{1,19}$"
TIMESTAMP = "ISO 8601 to the second, with the offset (`2019-07-11T12:46:55+00:00`)."


def constant(value: str):
    """A string field that always holds ``value`` (a ``const``, not an enum: Zoho's
    ``status`` is ``error`` in one body and ``success`` in another)."""

    @extend_schema_field({"type": "string", "const": value})
    class Constant(serializers.CharField):
        pass

    return Constant()


# --- bodies ---------------------------------------------------------------------------------------
class ZohoUser(serializers.Serializer):
    """A user as a record names its owner, creator and last modifier."""

    name = serializers.CharField()
    id = serializers.CharField()
    email = serializers.CharField(allow_blank=True)


class ZohoRecord(serializers.Serializer):
    """A record: its own fields (free-form, keyed by API name) and the ones Zoho sets itself."""

    id = serializers.RegexField(RECORD_ID_PATTERN)
    Owner = ZohoUser(allow_null=True, help_text="null for a record a workspace token made")
    Created_By = ZohoUser(allow_null=True)
    Modified_By = ZohoUser(allow_null=True)
    Created_Time = serializers.DateTimeField(help_text=TIMESTAMP)
    Modified_Time = serializers.DateTimeField(help_text=TIMESTAMP)
    Record_Image = serializers.CharField(
        allow_null=True, help_text="The public id of the record's current photo, if any.")


class ZohoPageInfo(serializers.Serializer):
    per_page = serializers.IntegerField(min_value=1, max_value=params.MAX_PER_PAGE)
    count = serializers.IntegerField(min_value=1, max_value=params.MAX_PER_PAGE)
    page = serializers.IntegerField(min_value=1, max_value=kit_params.MAX_PAGE)
    more_records = serializers.BooleanField()


class ZohoRecordPage(serializers.Serializer):
    data = ZohoRecord(many=True)
    info = ZohoPageInfo()


class ZohoRecordData(serializers.Serializer):
    """One record, in Zoho's ``data`` envelope."""

    data = ZohoRecord(many=True)


class ZohoError(serializers.Serializer):
    """Zoho's answer for an error (``status`` is ``error``)."""

    code = serializers.CharField(help_text="`INVALID_TOKEN`, `INVALID_MODULE`, `INVALID_DATA`...")
    details = serializers.DictField(help_text="What was wrong: `param_name`, `api_name`, "
                                              "`resource_path_index`...")
    message = serializers.CharField()
    status = constant("error")


class ZohoSuccess(serializers.Serializer):
    """Zoho's answer for a photo uploaded or deleted (``status`` is ``success``)."""

    code = constant("SUCCESS")
    details = serializers.DictField()
    message = serializers.CharField()
    status = constant("success")


class ZohoRecordAddedDetails(serializers.Serializer):
    Modified_Time = serializers.DateTimeField(help_text=TIMESTAMP)
    Modified_By = ZohoUser(allow_null=True)
    Created_Time = serializers.DateTimeField(help_text=TIMESTAMP)
    id = serializers.RegexField(RECORD_ID_PATTERN)
    Created_By = ZohoUser(allow_null=True)


class ZohoRecordAdded(serializers.Serializer):
    """One row of an insert, added."""

    code = constant("SUCCESS")
    details = ZohoRecordAddedDetails()
    message = serializers.CharField()
    status = constant("success")


ZohoRowAnswer = PolymorphicProxySerializer(
    component_name="ZohoRowAnswer", serializers=[ZohoRecordAdded, ZohoError],
    resource_type_field_name=None, many=False)


class ZohoRowAnswers(serializers.Serializer):
    """Zoho's multi-status answer to an insert: one answer per row, in the rows' order."""

    data = serializers.ListField(child=ZohoRowAnswer)


@extend_schema_field({
    "type": "object", "propertyNames": {"pattern": API_NAME_PATTERN},
    "description": "A record's fields by API name (`Last_Name`...); the fields Zoho sets itself "
                   "(`id`, `Owner`, `Created_Time`...) are ignored."})
class RecordFields(serializers.DictField):
    pass


class ZohoRecordInsert(serializers.Serializer):
    data = serializers.ListField(child=RecordFields(), min_length=1,
                                 max_length=100, help_text="The records to add (at most 100).")


class ZohoPhotoUpload(serializers.Serializer):
    file = serializers.FileField(help_text="The photo: " + ", ".join(ALLOWED_FORMATS)
                                 + "; at most 10 MB and 10 megapixels.")
    restrict_triggers = serializers.CharField(
        required=False, allow_blank=True,
        help_text="`workflow` runs no workflow rule on this change.")


class ZohoPickListValue(serializers.Serializer):
    display_value = serializers.CharField()
    actual_value = serializers.CharField()
    sequence_number = serializers.IntegerField()


class ZohoFieldLookup(serializers.Serializer):
    display_label = serializers.CharField()
    api_name = serializers.CharField()
    module = serializers.CharField(help_text="The module the lookup names.")
    id = serializers.CharField()


class ZohoViewType(serializers.Serializer):
    view = serializers.BooleanField()
    edit = serializers.BooleanField()
    create = serializers.BooleanField()
    quick_create = serializers.BooleanField()


class ZohoField(serializers.Serializer):
    """A module's field, as the fields metadata API describes it."""

    id = serializers.RegexField(RECORD_ID_PATTERN)
    api_name = serializers.RegexField(API_NAME_PATTERN, help_text="The name records use.")
    field_label = serializers.CharField()
    display_label = serializers.CharField()
    data_type = serializers.CharField(help_text="`text`, `email`, `phone`, `picklist`, "
                                                "`lookup`, `ownerlookup`, `datetime`, "
                                                "`profileimage`...")
    json_type = serializers.ChoiceField(["string", "integer", "double", "boolean",
                                         "jsonobject", "jsonarray"])
    system_mandatory = serializers.BooleanField()
    custom_field = serializers.BooleanField()
    read_only = serializers.BooleanField()
    field_read_only = serializers.BooleanField()
    visible = serializers.BooleanField()
    webhook = serializers.BooleanField()
    length = serializers.IntegerField()
    created_source = serializers.CharField()
    decimal_place = serializers.IntegerField(allow_null=True)
    view_type = ZohoViewType()
    lookup = serializers.DictField(help_text="A lookup's module (`module`, `api_name`, "
                                             "`display_label`, `id`); empty otherwise.")
    pick_list_values = ZohoPickListValue(many=True)


class ZohoFields(serializers.Serializer):
    fields = ZohoField(many=True)


class ZohoModule(serializers.Serializer):
    """A module, as the modules metadata API describes it."""

    id = serializers.RegexField(RECORD_ID_PATTERN)
    api_name = serializers.RegexField(API_NAME_PATTERN)
    module_name = serializers.CharField()
    singular_label = serializers.CharField()
    plural_label = serializers.CharField()
    generated_type = serializers.ChoiceField(["default", "custom"])
    api_supported = serializers.BooleanField()
    creatable = serializers.BooleanField()
    editable = serializers.BooleanField()
    deletable = serializers.BooleanField()
    viewable = serializers.BooleanField()
    convertable = serializers.BooleanField()
    global_search_supported = serializers.BooleanField()
    quick_create = serializers.BooleanField()
    show_as_tab = serializers.BooleanField()
    visibility = serializers.IntegerField()
    modified_time = serializers.DateTimeField(allow_null=True, help_text=TIMESTAMP)


class ZohoModules(serializers.Serializer):
    modules = ZohoModule(many=True)


# --- errors ---------------------------------------------------------------------------------------
def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ZohoError, description=description)


_DESCRIBED = {
    400: "Zoho's answer to nearly every refusal: `INVALID_MODULE`, `INVALID_DATA` (a record ID "
         "or a value naming nothing), `REQUIRED_PARAM_MISSING`, `INVALID_REQUEST_METHOD`, "
         "`AUTHORIZATION_FAILED`, `LIMIT_EXCEEDED`...",
    401: "No token, an invalid or expired one (`INVALID_TOKEN`), or one without the module's "
         "scope (`OAUTH_SCOPE_MISMATCH`).",
    403: "The caller may not change this record (`NO_PERMISSION`).",
    404: "No such URL (`INVALID_URL_PATTERN`).",
    415: "The photo is over Bigin's size limit (`FILE_SIZE_MORE_THAN_ALLOWED_SIZE`).",
    429: "Too many requests (`TOO_MANY_REQUESTS`): the token's, or the address's without a valid "
         "token, rate is spent; see `Retry-After`.",
    500: "An unexpected error (`INTERNAL_ERROR`).",
    503: "Storage is full or unreachable (`SERVICE_UNAVAILABLE`); see `Retry-After`.",
}


def errors_for(product: str | None) -> dict:
    """``{status: response}`` for every status the product's error table can answer."""
    table = TABLES.get(product, TABLE)
    return {status: _error(_DESCRIBED[status])
            for status in sorted({row.status for row in table.rows.values()})}


ERRORS = errors_for(params.CRM)

# --- parameters -----------------------------------------------------------------------------------
MODULE_NAME = OpenApiParameter(
    "module_name", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=API_NAME_PATTERN,
    examples=[OpenApiExample("A standard module", value="Contacts")],
    description="A module's API name (`Leads`, `Contacts`, a custom module's), any case. A name "
                "the organisation has no module for is 400 `INVALID_MODULE`.")
RECORD_ID = OpenApiParameter(
    "record_id", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=RECORD_ID_PATTERN,
    description="A record's ID. An ID that names no record of the module is 400 "
                "`INVALID_DATA`.")
PAGE = OpenApiParameter(
    "page", {"type": "integer", "minimum": 1, "maximum": kit_params.MAX_PAGE},
    description="The page, from 1.")
PER_PAGE = OpenApiParameter(
    "per_page", {"type": "integer", "minimum": 1},
    description=f"Records per page (default and largest: {params.MAX_PER_PAGE}; more is "
                f"{params.MAX_PER_PAGE}).")
RESTRICT_TRIGGERS = OpenApiParameter(
    "restrict_triggers", OpenApiTypes.STR,
    description="`workflow` runs no workflow rule on this change (a comma-separated list).")
_NO_CONTENT = OpenApiResponse(description="No records (Zoho's answer to an empty list).")

# --- the operations -------------------------------------------------------------------------------
list_records = extend_schema(
    summary="List a module's records",
    description="Oldest first, a page at a time; `info.more_records` tells whether more follow.",
    parameters=[MODULE_NAME, PAGE, PER_PAGE],
    responses={200: ZohoRecordPage, 204: _NO_CONTENT})
insert_records = extend_schema(
    summary="Insert records",
    description="Each row is added or refused on its own: 201 when all are added, 207 when "
                "some are, 400 when none is. The JSON body is read whatever its declared "
                "`Content-Type`, as Zoho reads it: none (Zoho's SDKs), or form-encoded as "
                "`curl -d @lead.json` sends it.",
    parameters=[MODULE_NAME],
    request={"application/json": ZohoRecordInsert},
    responses={
        201: OpenApiResponse(ZohoRowAnswers, description="Every row added."),
        207: OpenApiResponse(ZohoRowAnswers,
                             description="Some rows added, some refused (each says why)."),
        400: OpenApiResponse(
            PolymorphicProxySerializer(component_name="ZohoInsertRefused",
                                       serializers=[ZohoError, ZohoRowAnswers],
                                       resource_type_field_name=None),
            description="The request refused, or every row refused (each says why)."),
    })
get_record = extend_schema(
    summary="Get a record",
    description="The record in a `data` list of one.",
    parameters=[MODULE_NAME, RECORD_ID],
    responses={200: ZohoRecordData})
_IMAGE = {"type": "string", "format": "binary"}
download_photo = extend_schema(
    summary="Download a record's photo",
    description="The record's current photo (the previous one while a new one is processed): "
                "the image uploaded, in its own format and at its own size, without its "
                "metadata (EXIF but the orientation, GPS, text, thumbnails) or anything after "
                "its end; a BMP is served as a PNG of the same pixels.",
    parameters=[MODULE_NAME, RECORD_ID],
    responses={
        (200, "image/jpeg"): OpenApiResponse(_IMAGE, description="The photo."),
        (200, "image/png"): OpenApiResponse(_IMAGE, description="The photo."),
        (200, "image/gif"): OpenApiResponse(_IMAGE, description="The photo."),
        204: OpenApiResponse(description="The record has no photo (or its first one is still "
                                         "being processed)."),
    })
upload_photo = extend_schema(
    summary="Upload a record's photo",
    description="Replaces the record's photo once the new one is processed. PNG, JPEG, GIF "
                "or BMP.",
    parameters=[MODULE_NAME, RECORD_ID, RESTRICT_TRIGGERS],
    request={"multipart/form-data": ZohoPhotoUpload},
    responses={200: OpenApiResponse(ZohoSuccess, description="Uploaded; the record shows it "
                                                              "once it is processed.")})
delete_photo = extend_schema(
    summary="Delete a record's photo",
    description="A record with no photo is 400 `INVALID_DATA`.",
    parameters=[MODULE_NAME, RECORD_ID, RESTRICT_TRIGGERS],
    request=None, responses={200: OpenApiResponse(ZohoSuccess, description="Deleted.")})

SETTINGS_MODULE = OpenApiParameter(
    "module", {"type": "string", "pattern": API_NAME_PATTERN}, required=True,
    examples=[OpenApiExample("A standard module", value="Leads")],
    description="The module's API name (`Leads`, a custom module's), any case: missing is 400 "
                "`REQUIRED_PARAM_MISSING`, a name the organisation has no module for 400 "
                "`INVALID_MODULE`.")
list_fields = extend_schema(
    summary="The fields of a module (fields metadata)",
    description="Every field of the module, with its API name and data type (what records "
                "carry, and what Zoho's SDKs read before they send records).",
    parameters=[SETTINGS_MODULE], responses={200: ZohoFields})
list_modules = extend_schema(
    summary="The modules of the organisation (modules metadata)",
    description="The standard modules, then the custom ones; `api_supported` is false for a "
                "module the API does not serve.",
    responses={200: ZohoModules})
