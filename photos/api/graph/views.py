"""Graph's one dispatching view: find the node the path names, take the route of the path's
connection and the request's method, check that route's permissions on the node, run it."""

from django.conf import settings
from django.http import HttpResponseBase
from rest_framework.response import Response

from photos import errors
from photos.api.graph.nodes import PhotoNode, find_node
from photos.dialects.graph.views import GraphView


class NodeView(GraphView):
    """``/{id}``, ``/{id}/{connection}`` and ``/{photo-id}/tags/{user-id}``."""

    route_permissions = None  # the checks of the route being served, once it is known

    def get_permissions(self):
        if self.route_permissions is not None:
            return [permission() for permission in self.route_permissions]
        return super().get_permissions()

    def upload_limit(self):
        # only ``POST /{id}/photos`` takes a file
        return settings.PHOTO_MAX_BYTES if self.kwargs.get("connection") == "photos" else None

    def serve(self, request, object_id, connection=None, user_id=None):
        if user_id is not None:  # tag, move or untag one person
            if request.method == "GET":
                raise errors.MethodNotAllowed(method=request.method)
            connection = "tags"
        node = find_node(self, object_id)
        if user_id is not None and type(node) is not PhotoNode:
            raise errors.NotFound(method=request.method)  # only a photo tags people
        handler, self.route_permissions = node.route(connection, request.method)
        self.check_object_permissions(request, node)
        body = handler()
        return body if isinstance(body, HttpResponseBase) else Response(body)

    get = post = delete = serve
