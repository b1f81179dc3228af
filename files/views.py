"""The Chatter files resources: ``chatter/...`` up to 35.0, ``connect/files/...`` from 36.0.

- ``users/{userId}/files`` (``connect/files/users/{userId}``): GET the user's files, POST a new
  file (multipart: binary part ``fileData``, optional ``json`` part ``{"title", "desc"}``);
- ``files/{fileId}``: GET/HEAD a File Summary (``?versionNumber=``), POST a new version
  (multipart, as above), DELETE the file;
- ``files/{fileId}/content``: GET/HEAD a version's bytes (``?versionNumber=``).

A file is private to its owner (and moderators): to anyone else it does not exist (404).
"""

from django.db.models import F
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from accounts.models import User
from files import permissions, services
from files.models import File, FileVersion
from photos import delivery, errors
from photos.dialects.chatter import ids, presenters
from photos.dialects.chatter import schema as openapi
from photos.dialects.chatter.pagination import ChatterPagination
from photos.dialects.chatter.params import pk_from
from photos.dialects.chatter.views import APIView, find
from photos.dialects.params import text as text_value
from photos.dialects.params import whole_number

FILE_PROPERTIES = {"title": "24.0", "desc": "24.0"}
BINARY_PART = "fileData"


class FilesView(APIView):
    since = "24.0"

    def the_file(self, file_id) -> File:
        file = find(File.objects.select_related("owner"), file_id, ids.FILE)
        if not permissions.can_read(self.principal, file):
            raise errors.NotFound()
        return file

    def the_version(self, file: File) -> FileVersion:
        number = whole_number(self.request.query_params.get("versionNumber"), "versionNumber",
                              minimum=1)
        version = file.version(number)
        if version is None:
            raise errors.NotFound()
        version.file = file
        return version

    def upload(self):
        uploaded, received = self.uploaded(BINARY_PART)
        if uploaded is None:
            raise errors.InvalidInput(
                f"Missing binary part {BINARY_PART!r}: send the file as multipart/form-data.")
        properties = self.read_input(FILE_PROPERTIES, binary_parts=(BINARY_PART,))
        title = text_value(properties.get("title"), "title", 255)
        description = text_value(properties.get("desc"), "desc", 1000)
        return uploaded, received, title, description


class UserFilesView(FilesView):
    upload_limit_setting = "FILE_MAX_BYTES"
    http_method_names = ["get", "post"]

    def the_user(self, user_id):
        if user_id == "me":
            return self.call.user
        pk = pk_from(user_id, ids.USER)
        if pk != self.call.user.pk and not self.call.user.is_moderator:
            raise errors.PermissionDenied("You can only reach your own files.")
        user = User.objects.filter(pk=pk, is_active=True).first()
        if user is None:
            raise errors.NotFound()
        return user

    @extend_schema(summary="A user's files", parameters=openapi.PAGE_PARAMETERS,
                   responses={200: openapi.ChatterFilePage})
    def get(self, request, version, user_id):
        user = self.the_user(user_id)
        latest = (FileVersion.objects.filter(file__owner=user, number=F("file__latest_number"))
                  .select_related("file", "file__owner").order_by("-file__updated_at", "-pk"))
        paginator = ChatterPagination(presenters.user_files_path(self.call, user_id))
        versions = paginator.paginate_queryset(latest, request, self)
        return Response(presenters.file_page(self.call, versions, paginator.links()))

    @extend_schema(summary="Upload a file (as yourself: `me`)", request=openapi.FILE_INPUT,
                   responses={201: openapi.ChatterFileSummary})
    def post(self, request, version, user_id):
        user = self.the_user(user_id)
        if user.pk != self.call.user.pk:
            raise errors.PermissionDenied("Files are uploaded as yourself: use 'me'.")
        uploaded, received, title, description = self.upload()
        created = services.create_file(uploaded, received, owner=user,
                                       workspace=self.principal.workspace, title=title,
                                       description=description)
        return Response(presenters.file_summary(self.call, created), status=201)


class FileView(FilesView):
    upload_limit_setting = "FILE_MAX_BYTES"
    http_method_names = ["get", "head", "post", "delete"]

    @extend_schema(summary="A file's summary", parameters=[openapi.VERSION_NUMBER],
                   responses={200: openapi.ChatterFileSummary})
    def get(self, request, version, file_id):
        file = self.the_file(file_id)
        return Response(presenters.file_summary(self.call, self.the_version(file), file.version()))

    @extend_schema(summary="Upload a new version of a file", request=openapi.FILE_INPUT,
                   responses={201: openapi.ChatterFileSummary})
    def post(self, request, version, file_id):
        file = self.the_file(file_id)
        if not permissions.can_change(self.principal, file):
            raise errors.ReadOnly("You cannot change this file.")
        uploaded, received, title, description = self.upload()
        created = services.add_version(file, uploaded, received, user=self.call.user,
                                       title=title, description=description)
        return Response(presenters.file_summary(self.call, created), status=201)

    @extend_schema(summary="Delete a file", responses={204: None})
    def delete(self, request, version, file_id):
        file = self.the_file(file_id)
        if not permissions.can_change(self.principal, file):
            raise errors.ReadOnly("You cannot delete this file.")
        services.delete_file(file)
        return Response(status=204)


class FileContentView(FilesView):
    http_method_names = ["get", "head"]

    @extend_schema(summary="A version's bytes (a download)", parameters=[openapi.VERSION_NUMBER],
                   responses={(200, "*/*"): OpenApiResponse(
                       OpenApiTypes.BINARY, description="The version's bytes, as an attachment.")})
    def get(self, request, version, file_id):
        file_version = self.the_version(self.the_file(file_id))
        # user content of any type: downloaded, never rendered by the browser
        return delivery.serve(file_version.storage_key, file_version.mime_type,
                              cache=delivery.Cache.DOWNLOAD, request=request,
                              filename=file_version.file_name or file_version.title,
                              etag=file_version.checksum, modified=file_version.created_at,
                              size=file_version.byte_size)
