"""Zoho's bodies: records (the field names ``Owner``, ``Created_Time``... live only here), the
``data``/``info`` envelopes, and the ``{"code", "details", "message", "status"}`` answer that
successes and errors share."""

from django.utils import timezone


def body(code: str, message: str, details: dict | None = None, status: str = "error") -> dict:
    return {"code": code, "details": dict(details or {}), "message": message, "status": status}


def data(rows: list) -> dict:
    """The ``data`` envelope of a record list, a single record or a batch's per-row answers."""
    return {"data": list(rows)}


SUCCESS_UPLOAD = {"code": "SUCCESS", "details": {}, "message": "photo uploaded successfully",
                  "status": "success"}
SUCCESS_DELETE = {"code": "SUCCESS", "details": {}, "message": "Photo deleted",
                  "status": "success"}


def zoho_time(value) -> str | None:
    """Zoho's timestamps: ISO 8601 to the second, with the offset
    (``2019-07-11T12:46:55+00:00``)."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def user_ref(user) -> dict | None:
    if user is None:
        return None
    return {"name": user.display_name, "id": str(user.pk),
            "email": user.email}


# the fields Zoho sets itself in a record's body: ignored in input, as Zoho ignores read-only
# fields
SYSTEM_FIELDS = frozenset({"id", "Created_Time", "Modified_Time", "Created_By", "Modified_By",
                           "Record_Image", "Owner"})


def record(record, photo_id: str | None = None) -> dict:
    body = dict(record.data)
    body.update({
        "id": str(record.zoho_id),
        "Owner": user_ref(record.owner),
        "Created_By": user_ref(record.created_by),
        "Modified_By": user_ref(record.modified_by),
        "Created_Time": zoho_time(record.created_at),
        "Modified_Time": zoho_time(record.modified_at),
        "Record_Image": photo_id,
    })
    return body


def record_added(record) -> dict:
    return {
        "code": "SUCCESS",
        "details": {
            "Modified_Time": zoho_time(record.modified_at),
            "Modified_By": user_ref(record.modified_by),
            "Created_Time": zoho_time(record.created_at),
            "id": str(record.zoho_id),
            "Created_By": user_ref(record.created_by),
        },
        "message": "record added",
        "status": "success",
    }


def page_info(page: int, per_page: int, count: int, more: bool) -> dict:
    return {"per_page": per_page, "count": count, "page": page, "more_records": more}


def page(rows: list, page: int, per_page: int, more: bool) -> dict:
    """A page of records: ``data`` and its ``info``."""
    return {**data(rows), "info": page_info(page, per_page, len(rows), more)}


# --- metadata: the fields and modules APIs --------------------------------------------------
# each data type's ``json_type``, as Zoho's fields metadata names the JSON value a record holds
JSON_TYPES = {
    "ownerlookup": "jsonobject", "lookup": "jsonobject", "userlookup": "jsonobject",
    "multiselectpicklist": "jsonarray", "integer": "integer", "bigint": "string",
    "double": "double", "currency": "double", "percent": "double", "boolean": "boolean",
}


def field(field_id: str, api_name: str, label: str, data_type: str, extras: dict) -> dict:
    """One field as ``settings/fields`` answers it."""
    read_only = bool(extras.get("read_only"))
    lookup = extras.get("lookup")
    return {
        "id": field_id,
        "api_name": api_name,
        "field_label": label,
        "display_label": label,
        "data_type": data_type,
        "json_type": JSON_TYPES.get(data_type, "string"),
        "system_mandatory": bool(extras.get("mandatory")),
        "custom_field": False,
        "read_only": read_only,
        "field_read_only": read_only,
        "visible": True,
        "webhook": True,
        "length": extras.get("length", 120 if data_type == "ownerlookup" else 255),
        "created_source": "default",
        "decimal_place": 2 if data_type == "currency" else None,
        "view_type": {"view": True, "edit": not read_only, "create": not read_only,
                      "quick_create": bool(extras.get("mandatory"))},
        "lookup": ({"display_label": label, "api_name": api_name, "module": lookup,
                    "id": field_id} if lookup else {}),
        "pick_list_values": [
            {"display_value": value, "actual_value": value, "sequence_number": number}
            for number, value in enumerate(extras.get("values", ()), start=1)],
    }


def module(module_id: str, module, modified) -> dict:
    """One module as ``settings/modules`` answers it."""
    in_api = module.api_supported
    return {
        "id": module_id,
        "api_name": module.api_name,
        "module_name": module.api_name,
        "singular_label": module.singular_label,
        "plural_label": module.plural_label,
        "generated_type": "custom" if module.is_custom else "default",
        "api_supported": in_api,
        "creatable": in_api, "editable": in_api, "deletable": in_api, "viewable": True,
        "convertable": module.api_name == "Leads" and not module.is_custom,
        "global_search_supported": in_api,
        "quick_create": in_api,
        "show_as_tab": True,
        "visibility": 1,
        "modified_time": zoho_time(modified) if module.is_custom else None,
    }
