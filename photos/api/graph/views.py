"""Graph's dispatching views: find the node the path names, take the route of the path's
connection and the request's method, check that route's permissions on the node, run it.

One view class per path the document describes (``/{id}``, each connection, a tagged user), each
with its OpenAPI description (``photos.dialects.graph.schema``); they differ in nothing else.
Every path takes Graph's three methods (GET, POST, DELETE), answering "Unsupported <method>
request." (400, #100) where its object has no such route, as Graph does; any other method (PUT,
TRACE...) is refused with 405 and ``Allow``, in the same body.
"""

from django.conf import settings
from django.http import HttpResponseBase
from django.views.generic import TemplateView
from rest_framework.response import Response

from photos import errors
from photos.api.graph.nodes import PhotoNode, find_node, permissions_of_routes
from photos.dialects.graph import params, schema
from photos.dialects.graph.views import GraphView

home = TemplateView.as_view(template_name="index.html")


class NodeView(GraphView):
    """``/{id}`` and ``/{id}/{connection}``."""

    connection = None  # the connection a view serves, when its path names one
    route_permissions = None  # the checks of the route being served, once it is known

    def get_permissions(self):
        if self.route_permissions is not None:
            return [permission() for permission in self.route_permissions]
        if getattr(self, "swagger_fake_view", False):
            # the OpenAPI document asks (for the scopes): the checks of every node's route here
            return [permission() for permission in
                    permissions_of_routes(self.connection, self.request.method)]
        return super().get_permissions()

    def path_connection(self):
        return self.kwargs.get("connection") or self.connection

    def upload_limit(self):
        # only ``POST /{id}/photos`` takes a file
        return settings.PHOTO_MAX_BYTES if self.path_connection() == "photos" else None

    def serve(self, request, object_id, connection=None, version=None):
        return self.run(find_node(self, object_id), self.path_connection())

    def run(self, node, connection):
        handler, self.route_permissions = node.route(connection, self.request.method)
        self.check_object_permissions(self.request, node)
        body = handler()
        return body if isinstance(body, HttpResponseBase) else Response(body)

    # Graph's methods, inherited by the views of each path (so that each is described on its own)
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get(self, request, *args, **kwargs):
        return self.serve(request, *args, **kwargs)

    post = delete = get


@schema.OBJECT
class ObjectView(NodeView):
    """``/{id}``: a user, an album, a photo or a post."""


@schema.UNDESCRIBED
class UnknownConnectionView(NodeView):
    """``/{id}/{connection}`` of a connection no node has: Graph's "Unsupported request"."""


def _connection_view(name: str) -> type[NodeView]:
    view = type(f"{name.title()}ConnectionView", (NodeView,), {
        "__doc__": f"``/{{id}}/{name}``.", "__module__": __name__, "connection": name})
    return schema.CONNECTIONS[name](view)


# connection -> its view
CONNECTION_VIEWS = {name: _connection_view(name) for name in schema.CONNECTIONS}


@schema.USER_TAG
class UserTagView(NodeView):
    """``/{photo-id}/tags/{user-id}``: tag, move or untag one person (the user ID is read once
    the photo is known to be visible)."""

    connection = "tags"
    http_method_names = ["post", "delete", "options"]

    def serve(self, request, object_id, user_id, version=None):
        node = find_node(self, object_id)
        if type(node) is not PhotoNode:  # only a photo tags people
            raise errors.NotFound(method=request.method)
        return self.run(node, "tags")


@schema.IDS
class IdsView(NodeView):
    """``/?ids=a,b`` and ``/{version}/?ids=a,b``: several objects at once, each as ``/{id}``
    answers it (``fields=`` applies to each), keyed by the ID as asked. An ID that names
    nothing the caller can see refuses the whole lookup (#803, 404), as Graph does; any other
    refusal (a missing permission) is the object's own."""

    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        if "version" not in kwargs and "ids" not in request.GET:
            return home(request)  # ``/`` without ``ids`` is the site's home page
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, version=None):
        found, unknown = {}, []
        for object_id in params.ids(request):
            try:
                node = find_node(self, object_id)
                handler, self.route_permissions = node.route(None, "GET")
                self.check_object_permissions(request, node)
            except errors.NotFound:
                unknown.append(object_id)
                continue
            found[object_id] = handler
        if unknown:
            raise errors.AliasesUnknown(aliases=unknown)
        return Response({object_id: handler() for object_id, handler in found.items()})
