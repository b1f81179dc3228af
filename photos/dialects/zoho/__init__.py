"""The Zoho CRM v2 / Bigin v2 dialect: base view (``views``), error table (``errors``),
module-scope permissions, request parsing (``params``), bodies (``presenters``) and paging
(``pagination``); the ``records`` app serves its resources with these parts.

Nothing is imported here, so that ``records.models`` can take the API-name grammar from
``params`` while the apps load.
"""
