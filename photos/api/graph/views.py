"""Graph's dispatching views: find the node the path names, take the route of the path's
connection and the request's method, check that route's permissions on the node, run it."""

from django.conf import settings
from django.http import HttpResponseBase
from rest_framework.response import Response

from photos import errors
from photos.api.graph.nodes import PhotoNode, find_node
from photos.dialects.graph.views import GraphView


class NodeView(GraphView):
    """``/{id}`` and ``/{id}/{connection}``."""

    route_permissions = None  # the checks of the route being served, once it is known

    def get_permissions(self):
        if self.route_permissions is not None:
            return [permission() for permission in self.route_permissions]
        return super().get_permissions()

    def upload_limit(self):
        # only ``POST /{id}/photos`` takes a file
        return settings.PHOTO_MAX_BYTES if self.kwargs.get("connection") == "photos" else None

    def serve(self, request, object_id, connection=None):
        return self.run(find_node(self, object_id), connection)

    def run(self, node, connection):
        handler, self.route_permissions = node.route(connection, self.request.method)
        self.check_object_permissions(self.request, node)
        body = handler()
        return body if isinstance(body, HttpResponseBase) else Response(body)

    get = post = delete = serve


class UserTagView(NodeView):
    """``/{photo-id}/tags/{user-id}``: tag, move or untag one person (the user ID is read once
    the photo is known to be visible)."""

    def serve(self, request, object_id, user_id):
        node = find_node(self, object_id)
        if type(node) is not PhotoNode:  # only a photo tags people
            raise errors.NotFound(method=request.method)
        return self.run(node, "tags")

    post = delete = serve
    http_method_names = ["post", "delete", "options"]
