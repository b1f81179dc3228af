from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import scopes as registry
from accounts.permissions import principal_of


class PrincipalView(APIView):
    """Photodesk's own 'who am I': the principal behind the presented token."""

    def get(self, request):
        principal = principal_of(request)
        user, workspace, app = principal.user, principal.workspace, principal.application
        return Response({
            "kind": principal.kind,
            "user": {"id": user.pk, "username": user.username} if user else None,
            "workspace": {"id": workspace.pk, "name": workspace.name} if workspace else None,
            "application": {"id": app.pk, "name": app.name, "client_id": app.client_id},
            "scopes": sorted(principal.scopes),
            "expires": principal.token.expires.isoformat(),
        })

    # clients that can only send their token as a form parameter (Graph style) POST it
    post = get


class ScopeListView(APIView):
    """Every scope a client can ask for, with the module patterns."""

    authentication_classes = []
    permission_classes = []

    def get(self, request):
        return Response({
            "scopes": registry.FIXED,
            "patterns": [
                f"{product}.modules.{{module}}.{{{'|'.join(registry.ZOHO_OPERATIONS)}}}"
                for product in registry.ZOHO_PRODUCTS
            ],
        })
