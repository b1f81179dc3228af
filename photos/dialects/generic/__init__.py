"""The generic photo API dialect (seed 001): base view (``views``), error table
(``errors``), scope permissions, request parsing (``params``), bodies (``presenters``) and
their OpenAPI description (``schema``); the photos app serves its resources with these parts.
It lists nothing, so it has no paging shape.
"""
