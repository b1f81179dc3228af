"""The dialect kit: what each API Photodesk imitates needs beyond the domain, in one folder per
dialect (``chatter``, ``zoho``, ``graph``, ``generic``), each with the same parts:

- ``views.py``: the dialect's base view (token transports, version gate, its exception handler);
- ``errors.py``: its error table, rows only (typed error class -> status, code, message);
- ``permissions.py``: DRF permission classes for its scopes, which it registers with accounts;
- ``params.py``: typed request parsing (IDs, numbers, ``fields=``, versions);
- ``presenters.py``: its response bodies, the only place its field names appear;
- ``pagination.py``: its paging shape as a DRF pagination class (not for the generic API, which
  lists nothing).

``base.py`` holds the shared machinery (the view factory and ``ErrorTable``) and ``params.py``
the shared parsers. Resource views live with the app that owns the resource and derive from
their dialect's base view, so no view builds an error body or checks a scope by hand.
"""
