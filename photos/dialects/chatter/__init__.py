"""Salesforce's Chatter REST API dialect: every part of it in one place.

``ids`` (the Salesforce ID codec and every key prefix), ``errors`` (the error table),
``permissions`` (its scopes), ``params`` (typed request parsing), ``views`` (the base views:
version gate, token checks, request input), ``presenters`` (its bodies), ``pagination`` (its
paging shape) and ``defaults`` (the default photos, drawn once at start-up). The resource views
live with the apps that own the resources: ``groups``, ``files`` and ``photos.api.chatter``.
"""
