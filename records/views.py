"""The Zoho CRM v2 and Bigin v2 endpoints: records and their photos.

Checks run in Zoho's order of concerns: the token (401), the module (INVALID_MODULE), the
token's scope for that module (OAUTH_SCOPE_MISMATCH) — those three in the dialect's base view
(``photos.dialects.zoho``) — then the module-level privilege (AUTHORIZATION_FAILED), the record
(INVALID_DATA), the caller's right on that record (NO_PERMISSION) in the records services, then
the input. Errors are raised; the dialect renders them.

Where Zoho's documentation is silent: ``GET .../photo`` on a record with no ready photo (none
uploaded, or the first one still rendering) answers 204 with no body, as Zoho answers "no
content" elsewhere (an empty record list is 204 too); a record unknown to ``GET
.../{record_id}`` is the same ``INVALID_DATA`` as on the photo URL.
"""

from rest_framework.response import Response

from accounts.permissions import HasPrincipal, principal_of
from photos import delivery, errors
from photos.dialects.zoho import params, presenters, schema
from photos.dialects.zoho.pagination import ZohoPagination
from photos.dialects.zoho.permissions import HasZohoSettingsScope, InOrganization
from photos.dialects.zoho.views import ZohoAPIView, ZohoView
from records import metadata, services


class RecordsView(ZohoView):
    """A Zoho view over this app's modules."""

    def find_module(self, workspace, api_name):
        return services.find_module(workspace, self.product, api_name)


class RecordListView(RecordsView):
    http_method_names = ["get", "post", "head"]
    pagination_class = ZohoPagination

    @schema.list_records
    def get(self, request, module_name):
        paginator = self.pagination_class()
        records = paginator.paginate_queryset(services.records_of(self.module), request, self)
        photos = services.current_photo_ids(records)
        return paginator.get_paginated_response(
            [presenters.record(record, photos.get(record.pk)) for record in records])

    @schema.insert_records
    def post(self, request, module_name):
        rows = params.record_rows(request, services.MAX_RECORDS_PER_INSERT)
        outcomes = [outcome if isinstance(outcome, errors.DomainError)
                    else presenters.record_added(outcome)
                    for outcome in services.add_records(self.principal, self.module, rows)]
        if any(isinstance(outcome, errors.DomainError) for outcome in outcomes):
            raise errors.RowsRefused(outcomes)  # the error table words the refused rows
        return Response(presenters.data(outcomes), status=201)


class RecordDetailView(RecordsView):
    http_method_names = ["get", "head"]

    @schema.get_record
    def get(self, request, module_name, record_id):
        record = services.find_record(self.module, record_id)
        photos = services.current_photo_ids([record])
        return Response(presenters.data([presenters.record(record, photos.get(record.pk))]))


class RecordPhotoView(RecordsView):
    http_method_names = ["get", "post", "delete", "head"]

    def upload_limit(self):
        return services.photo_limits().max_bytes

    def record(self, record_id, action):
        return services.photo_target(self.principal, self.module, record_id, action)

    @schema.download_photo
    def get(self, request, module_name, record_id):
        rendition = services.download_photo(self.record(record_id, "read"))
        if rendition is None:
            return Response(status=204)  # no photo (or the first one is still rendering)
        return delivery.serve(rendition.storage_key, rendition.mime_type,
                              cache=delivery.Cache.PRIVATE_CURRENT, request=request,
                              etag=delivery.rendition_etag(rendition),
                              modified=rendition.rendered_at, size=rendition.byte_size)

    @schema.upload_photo
    def post(self, request, module_name, record_id):
        record = self.record(record_id, "upload")
        services.upload_photo(self.principal, record, params.photo_file(request),
                              run_workflows=params.run_workflows(request))
        return Response(presenters.SUCCESS_UPLOAD)

    @schema.delete_photo
    def delete(self, request, module_name, record_id):
        services.delete_photo(self.principal, self.record(record_id, "delete"),
                              run_workflows=params.run_workflows(request))
        return Response(presenters.SUCCESS_DELETE)


class SettingsView(ZohoAPIView):
    """Zoho's metadata APIs (``settings/...``): the token (401), its organisation, the
    ``settings`` scope of the resource (OAUTH_SCOPE_MISMATCH), then the parameters."""

    permission_classes = [HasPrincipal, InOrganization, HasZohoSettingsScope]
    http_method_names = ["get", "head"]
    settings_resource = "fields"

    def get_permissions(self):
        permissions = super().get_permissions()
        for permission in permissions:
            if isinstance(permission, HasZohoSettingsScope):
                permission.product, permission.resource = self.product, self.settings_resource
        return permissions

    @property
    def workspace(self):
        return principal_of(self.request).workspace


class FieldsView(SettingsView):
    """``settings/fields?module=Leads``: the fields of one module."""

    @schema.list_fields
    def get(self, request):
        name = request.query_params.get("module")
        if not name:
            raise errors.ParamMissing("module")
        module = services.find_module(self.workspace, self.product, name, param="module")
        return Response({"fields": [
            presenters.field(services.field_id(module, index), *row)
            for index, row in enumerate(metadata.fields_of(module))]})


class ModulesView(SettingsView):
    """``settings/modules``: every module of the organisation (of this product), those the API
    does not serve included (``api_supported: false``)."""

    settings_resource = "modules"

    @schema.list_modules
    def get(self, request):
        return Response({"modules": [
            presenters.module(services.module_id(module), module, module.created_at)
            for module in services.modules_of(self.workspace, self.product)]})


class UnknownURLView(ZohoAPIView):
    """Anything else under /crm/ or /bigin/: INVALID_URL_PATTERN, whoever asks."""

    authentication_classes = []
    permission_classes = []
    schema = None  # not an endpoint

    def not_found(self, request, *args, **kwargs):
        raise errors.NotFound()

    get = post = put = patch = delete = head = options = http_method_not_allowed = not_found
