"""Fixtures of the client-compatibility tests: the SDKs people already use (facebook-sdk,
simple-salesforce, Zoho's CRM SDK) set up against a live Photodesk, through their public
configuration only (base URL, token, timeouts)."""

import pytest


@pytest.fixture
def zoho_crm_sdk(live_server, tmp_path, org):
    """Zoho's CRM SDK (``zohocrmsdk2-0``) set up with its documented custom environment naming
    the live server and a pre-issued token (the org member's, with the modules and settings
    scopes); its files in ``tmp_path``. Returns the token."""
    from tests.support.clients import init_zoho_sdk

    token = org.token("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL")
    init_zoho_sdk(live_server.url, token, tmp_path, f"{org.member.username}@example.com")
    return token


@pytest.fixture
def facebook_graph(live_server, monkeypatch, alice, make_token):
    """facebook-sdk's ``GraphAPI`` for Alice (every Graph permission), its documented base-URL
    constant pointed at the live server; calls bounded by its ``timeout``."""
    import facebook

    from tests.support.graph import GRAPH_ALL

    monkeypatch.setattr(facebook, "FACEBOOK_GRAPH_URL", f"{live_server.url}/")
    graph = facebook.GraphAPI(access_token=make_token(GRAPH_ALL, user=alice), timeout=30)
    yield graph
    graph.session.close()


@pytest.fixture
def salesforce(live_server, tmp_path, acme_alice, make_token):
    """simple-salesforce's ``Salesforce`` for Alice (scope ``api``), made with the instance URL
    and session ID only, as its documentation says for a pre-issued token. It speaks HTTPS
    only: the live server is reached through a local TLS proxy whose authority the client's
    ``requests`` session trusts (its public ``session`` argument)."""
    import requests
    from simple_salesforce import Salesforce

    from tests.support.tls_proxy import TlsProxy, make_pki

    ca_file, server_file = make_pki(tmp_path)
    proxy = TlsProxy(int(live_server.url.rsplit(":", 1)[1]), server_file)
    session = requests.Session()
    # the test authority, not a CA bundle named by the environment (REQUESTS_CA_BUNDLE wins
    # over a session's own ``verify`` while ``trust_env`` is on), and no proxy from it either
    session.trust_env = False
    session.verify = str(ca_file)
    try:
        yield Salesforce(instance_url=f"https://localhost:{proxy.port}",
                         session_id=make_token(["api"], user=acme_alice), version="52.0",
                         session=session)
    finally:
        session.close()
        proxy.close()
