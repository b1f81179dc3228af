"""Helpers of the client-compatibility tests (tests/clients): setting the SDKs up through their
public configuration only."""


def init_zoho_sdk(base_url: str, token: str, folder, email: str) -> None:
    """Zoho's CRM SDK initialised as its documentation says: a custom
    ``DataCenter.Environment`` naming ``base_url``, a pre-issued ``OAuthToken``, its files
    (token store, field cache, log) in ``folder``, calls bounded by its timeouts. Again with
    another token: the SDK's later calls carry that one."""
    from zcrmsdk.src.com.zoho.api.authenticator.oauth_token import OAuthToken
    from zcrmsdk.src.com.zoho.api.authenticator.store.file_store import FileStore
    from zcrmsdk.src.com.zoho.api.logger import Logger
    from zcrmsdk.src.com.zoho.crm.api.dc.data_center import DataCenter
    from zcrmsdk.src.com.zoho.crm.api.initializer import Initializer
    from zcrmsdk.src.com.zoho.crm.api.sdk_config import SDKConfig
    from zcrmsdk.src.com.zoho.crm.api.user_signature import UserSignature

    (folder / "tokens.txt").touch()
    Initializer.initialize(
        user=UserSignature(email),
        environment=DataCenter.Environment(base_url, base_url, base_url, "photodesk"),
        token=OAuthToken(access_token=token), store=FileStore(str(folder / "tokens.txt")),
        sdk_config=SDKConfig(auto_refresh_fields=False, pick_list_validation=False,
                             connect_timeout=10, read_timeout=30),
        resource_path=str(folder),
        logger=Logger.get_instance(Logger.Levels.INFO, str(folder / "sdk.log")))
