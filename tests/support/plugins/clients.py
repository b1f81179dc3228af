"""Fixtures of the client-compatibility tests: the SDKs people already use (facebook-sdk,
simple-salesforce, Zoho's CRM SDK) set up against a live Photodesk, through their public
configuration only (base URL, token, timeouts)."""

import pytest


@pytest.fixture
def zoho_crm_sdk(live_server, tmp_path, org):
    """Zoho's CRM SDK (``zohocrmsdk2-0``) initialised as its documentation says, with a custom
    ``DataCenter.Environment`` naming the live server and a pre-issued ``OAuthToken`` (the org
    member's, with the modules and settings scopes); files (tokens, field cache, log) in
    ``tmp_path``. Yields the token."""
    from zcrmsdk.src.com.zoho.api.authenticator.oauth_token import OAuthToken
    from zcrmsdk.src.com.zoho.api.authenticator.store.file_store import FileStore
    from zcrmsdk.src.com.zoho.api.logger import Logger
    from zcrmsdk.src.com.zoho.crm.api.dc.data_center import DataCenter
    from zcrmsdk.src.com.zoho.crm.api.initializer import Initializer
    from zcrmsdk.src.com.zoho.crm.api.sdk_config import SDKConfig
    from zcrmsdk.src.com.zoho.crm.api.user_signature import UserSignature

    token = org.token("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL")
    environment = DataCenter.Environment(live_server.url, live_server.url, live_server.url,
                                         "photodesk")
    (tmp_path / "tokens.txt").touch()
    Initializer.initialize(
        user=UserSignature(f"{org.member.username}@example.com"),
        environment=environment, token=OAuthToken(access_token=token),
        store=FileStore(str(tmp_path / "tokens.txt")),
        sdk_config=SDKConfig(auto_refresh_fields=False, pick_list_validation=False,
                             connect_timeout=10, read_timeout=30),
        resource_path=str(tmp_path),
        logger=Logger.get_instance(Logger.Levels.INFO, str(tmp_path / "sdk.log")))
    return token


@pytest.fixture
def facebook_graph(live_server, monkeypatch, alice, make_token):
    """facebook-sdk's ``GraphAPI`` for Alice (every Graph permission), its documented base-URL
    constant pointed at the live server; calls bounded by its ``timeout``."""
    import facebook

    from tests.support.graph import GRAPH_ALL

    monkeypatch.setattr(facebook, "FACEBOOK_GRAPH_URL", f"{live_server.url}/")
    return facebook.GraphAPI(access_token=make_token(GRAPH_ALL, user=alice), timeout=30)


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
