"""The generic photo API dialect (seed 001): base view (``views``), error table
(``errors``), scope permissions, request parsing (``params``) and bodies (``presenters``); the
photos app serves its resources with these parts. It lists nothing, so it has no paging shape.
"""
