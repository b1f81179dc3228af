"""The OpenAPI side of the dialect kit.

Every API view is described by :class:`DialectSchema` (the ``DEFAULT_SCHEMA_CLASS``). A dialect's
base view says, in attributes its ``schema`` module fills in, what every one of its operations
shares:

- ``openapi_tag``: the tag its operations are listed under (one per dialect);
- ``openapi_errors``: ``{status: response}`` for each status its error table can answer, each
  with the dialect's own error body (an operation's own ``@extend_schema`` responses win).

Operation ids are built from the whole path, parameters included, so the same view mounted under
two prefixes (Graph's ``/v2.0/``, Chatter's community paths) still has unique ids.
"""

import re

from drf_spectacular.openapi import AutoSchema


class DialectSchema(AutoSchema):
    def get_tags(self) -> list[str]:
        tag = getattr(self.view, "openapi_tag", None)
        return [tag] if tag else super().get_tags()

    def get_operation_id(self) -> str:
        words = re.findall(r"[A-Za-z0-9]+", self.path)
        return "_".join([*(word.lower() for word in words), self.method.lower()])

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        for status, response in getattr(self.view, "openapi_errors", {}).items():
            if str(status) not in bodies:
                bodies[str(status)] = self._get_response_for_code(response, str(status),
                                                                  direction=direction)
        return bodies
