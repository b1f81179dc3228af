"""The Zoho CRM v2 and Bigin v2 endpoints: records and their photos.

Checks run in Zoho's order of concerns: the token (401), the module (INVALID_MODULE), the
token's scope for that module (OAUTH_SCOPE_MISMATCH), the module-level privilege
(AUTHORIZATION_FAILED), the record (INVALID_DATA), the caller's right on that record
(NO_PERMISSION), then the input. Errors are raised; ``photos.dialects.zoho`` renders them.

Where Zoho's documentation is silent: ``GET .../photo`` on a record with no ready photo (none
uploaded, or the first one still rendering) answers 204 with no body, as Zoho answers "no
content" elsewhere (an empty record list is 204 too); a record unknown to ``GET
.../{record_id}`` is the same ``INVALID_DATA`` as on the photo URL.
"""

from rest_framework.response import Response

from accounts.permissions import principal_of
from photos import delivery, errors
from photos.dialects import params, zoho
from records import serializers, services

READ, WRITE, DELETE = ("READ",), ("WRITE", "CREATE"), ("DELETE",)
MAX_PER_PAGE = 200


class ZohoView(zoho.APIView):
    product = None  # "crm" or "bigin", given by the URL conf

    def principal(self):
        principal = principal_of(self.request)
        if principal.workspace is None:
            raise errors.PermissionDenied("the user does not belong to any organization")
        return principal

    def module(self, api_name: str, operations):
        principal = self.principal()
        module = services.find_module(principal.workspace, self.product, api_name)
        product = module.scope_product
        allowed = principal.zoho_allows(product, module.api_name, operations) or (
            # Zoho's one scope for every custom module: ZohoCRM.modules.custom.{operation}
            module.is_custom and principal.zoho_allows(product, "custom", operations))
        if not allowed:
            raise errors.ScopeMissing()
        return module

    def run_workflows(self) -> bool:
        """``restrict_triggers=workflow`` (a comma-separated list) suppresses workflows."""
        value = self.request.query_params.get("restrict_triggers")
        if value is None and hasattr(self.request.data, "get"):  # or a form field
            value = self.request.data.get("restrict_triggers")
        if not isinstance(value, str):
            value = ""
        triggers = {part.strip().lower() for part in value.split(",")}
        return "workflow" not in triggers


class RecordListView(ZohoView):
    http_method_names = ["get", "post", "head"]

    def get(self, request, module_name):
        module = self.module(module_name, READ)
        page = _positive_int(request.query_params.get("page"), "page", 1, params.MAX_PAGE)
        per_page = min(_positive_int(request.query_params.get("per_page"), "per_page",
                                     MAX_PER_PAGE), MAX_PER_PAGE)
        records, more = services.list_records(module, page, per_page)
        if not records:
            return Response(status=204)  # Zoho's answer to an empty list: no content
        photos = services.current_photo_ids(records)
        return Response({
            "data": [serializers.record(r, photos.get(r.pk)) for r in records],
            "info": serializers.page_info(page, per_page, len(records), more),
        })

    def post(self, request, module_name):
        module = self.module(module_name, WRITE)
        principal = self.principal()
        rows = request.data.get("data") if isinstance(request.data, dict) else None
        if rows is None:
            raise errors.ParamMissing("data")
        if not isinstance(rows, list) or not rows:
            raise errors.InvalidInput("data must be a non-empty list of records")
        if len(rows) > services.MAX_RECORDS_PER_INSERT:
            raise errors.TooManyRecords(services.MAX_RECORDS_PER_INSERT)
        results = []
        for row in rows:
            try:
                fields = services.validate_record_data(row)
            except errors.DomainError as error:
                results.append(error)  # the error table words it, beside the written rows
                continue
            results.append(serializers.record_added(
                services.create_record(principal, module, fields)))
        if any(isinstance(result, errors.DomainError) for result in results):
            raise errors.RowsRefused(results)
        return Response({"data": results}, status=201)


class RecordDetailView(ZohoView):
    http_method_names = ["get", "head"]

    def get(self, request, module_name, record_id):
        module = self.module(module_name, READ)
        record = services.find_record(module, record_id)
        photos = services.current_photo_ids([record])
        return Response({"data": [serializers.record(record, photos.get(record.pk))]})


class RecordPhotoView(ZohoView):
    http_method_names = ["get", "post", "delete", "head"]

    def upload_limit(self):
        return services.PHOTO_LIMITS.max_bytes  # Zoho's own 10 MB, whatever PHOTO_MAX_BYTES

    def target(self, module_name, record_id, operations, action):
        principal = self.principal()
        module = self.module(module_name, operations)
        services.check_photo_access(principal, module, action)
        record = services.find_record(module, record_id)
        if action != "read":
            services.check_record_change(principal, record, action)
        return principal, record

    def get(self, request, module_name, record_id):
        _, record = self.target(module_name, record_id, READ, "read")
        rendition = services.download_photo(record)
        if rendition is None:
            return Response(status=204)  # no photo (or the first one is still rendering)
        return delivery.serve(rendition.storage_key, rendition.mime_type,
                              cache=delivery.Cache.PRIVATE_CURRENT, request=request)

    def post(self, request, module_name, record_id):
        principal, record = self.target(module_name, record_id, WRITE, "upload")
        upload = request.FILES.get("file")  # an oversized body is refused here, unread
        if upload is None:
            raise errors.ParamMissing("file")
        services.upload_photo(principal, record, upload, run_workflows=self.run_workflows())
        return Response(serializers.SUCCESS_UPLOAD)

    def delete(self, request, module_name, record_id):
        principal, record = self.target(module_name, record_id, DELETE, "delete")
        services.delete_photo(principal, record, run_workflows=self.run_workflows())
        return Response(serializers.SUCCESS_DELETE)


class UnknownURLView(zoho.APIView):
    """Anything else under /crm/ or /bigin/: INVALID_URL_PATTERN, whoever asks."""

    authentication_classes = []
    permission_classes = []
    schema = None  # not an endpoint

    def not_found(self, request, *args, **kwargs):
        raise errors.NotFound()

    get = post = put = patch = delete = head = options = http_method_not_allowed = not_found


def _positive_int(value, name: str, default: int, maximum: int | None = None) -> int:
    number = params.whole_number(value, name, minimum=1, maximum=maximum,
                                 message=f"{name} must be a positive whole number"
                                 + (f" up to {maximum}" if maximum else ""))
    return default if number is None else number
