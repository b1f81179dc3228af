"""One error table per API dialect: domain error -> (status, body).

Each module (``chatter``, ``zoho``, ``graph``, ``generic``) exports ``render(error) -> (status,
body)`` and ``APIView``/``handler`` built by :func:`base.make_handler`; a dialect's views derive
from its ``APIView`` (or set ``get_exception_handler``), so no view builds an error body.
"""
