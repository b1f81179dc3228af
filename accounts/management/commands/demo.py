"""Create a ready demo: an admin, a user, a workspace, applications and tokens.

It is meant for the embedded start (``scripts/serve``): it refuses any database but the SQLite
file in ``DATA_DIR`` unless told otherwise, and run again on a demo that exists it changes
nothing (the running instance's passwords, client secret and tokens keep working) unless
``--reset`` asks for new ones.
"""

import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Application, Membership, User, Workspace
from accounts.services import issue_token

USER_SCOPES = [
    "api", "chatter_api", "user_photos", "manage_photos", "friends_photos", "publish_stream",
    "ZohoCRM.modules.ALL", "ZohoBigin.modules.ALL",
]
WORKSPACE_SCOPES = [
    "workspace_photos", "manage_photos", "ZohoCRM.modules.ALL", "ZohoBigin.modules.ALL",
]


def embedded_database():
    """Whether the database is the embedded SQLite file in ``DATA_DIR`` (the one ``scripts/serve``
    makes), as opposed to a server or a file elsewhere that may hold real data."""
    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return False
    name = str(database["NAME"] or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return False
    return Path(name).resolve().parent == Path(settings.DATA_DIR).resolve()


def demo_exists():
    users = User.objects.filter(username__in=["admin", "demo"])
    applications = Application.objects.filter(name__in=["Demo app", "Demo workspace app"])
    return users.count() == 2 and applications.count() == 2


class Command(BaseCommand):
    help = ("Create the demo admin, user, workspace, applications and tokens, and print them. "
            "Run again, it changes nothing unless --reset.")

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--days", type=int, default=30, help="token lifetime")
        parser.add_argument(
            "--reset", action="store_true",
            help="on an existing demo, set new passwords and a new client secret, revoke the "
                 "demo applications' tokens and issue new ones (their clients get 401)")
        parser.add_argument(
            "--allow-any-database", action="store_true",
            help="run on a database other than the embedded SQLite file in DATA_DIR (it sets "
                 "the passwords of the users named admin and demo)")

    def handle(self, *args, base_url, days, reset=False, allow_any_database=False, **options):
        if not allow_any_database and not embedded_database():
            database = connection.settings_dict
            raise CommandError(
                f"demo refuses to run on this database ({database['ENGINE'].rsplit('.', 1)[-1]} "
                f"{database['NAME']}): it is not the embedded SQLite file in DATA_DIR "
                f"({settings.DATA_DIR}), and demo sets the passwords of the users 'admin' and "
                f"'demo'. Nothing was changed. If this database is a disposable one, run "
                f"again with --allow-any-database.")
        with transaction.atomic():
            if demo_exists() and not reset:
                self.print_existing(base_url)
            else:
                self.create(base_url, days)

    def print_existing(self, base_url):
        user_app = Application.objects.get(name="Demo app")
        workspace_app = Application.objects.get(name="Demo workspace app")
        out = self.stdout.write
        out(self.style.SUCCESS("Photodesk demo is already set up: nothing was changed."))
        out(f"  admin (Django admin at {base_url}/admin/): admin")
        out("  user: demo, owner of workspace 'Demo workspace'")
        out(f"  workspace client: client_id={workspace_app.client_id}")
        out(f"  public client (authorization code + PKCE): client_id={user_app.client_id}")
        now = timezone.now()
        for label, application in (("user", user_app), ("workspace", workspace_app)):
            live = application.accesstoken_set.filter(expires__gt=now).order_by("-expires")
            if live:
                out(f"  {label} tokens: {len(live)} valid, the last until "
                    f"{live[0].expires:%Y-%m-%d %H:%M} UTC")
            else:
                out(f"  {label} tokens: none valid any more (run manage.py demo --reset)")
        out("")
        out("The passwords, the client secret and the tokens are stored hashed and cannot be "
            "shown again;")
        out("the ones printed when the demo was made keep working (tokens until they expire). "
            "To get new ones:")
        out("  manage.py changepassword admin     (or demo): a new password, nothing else changes")
        out("  manage.py demo --reset             new passwords, client secret and tokens; the "
            "demo's old tokens are revoked (their clients get 401)")
        out(f"  curl {base_url}/healthz")

    def create(self, base_url, days):
        admin_password = secrets.token_urlsafe(12)
        admin, _ = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        admin.is_staff = admin.is_superuser = True
        admin.set_password(admin_password)
        admin.save()

        user_password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(
            username="demo", defaults={"first_name": "Demo", "last_name": "User",
                                       "email": "demo@example.com"}
        )
        user.set_password(user_password)
        user.save()

        workspace, _ = Workspace.objects.get_or_create(slug="demo",
                                                       defaults={"name": "Demo workspace"})
        Membership.objects.update_or_create(
            user=user, workspace=workspace, defaults={"role": Membership.Role.OWNER}
        )

        user_app, _ = Application.objects.get_or_create(
            name="Demo app",
            defaults={
                "client_type": Application.CLIENT_PUBLIC,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": f"{base_url}/o/callback",
                "user": admin,
            },
        )
        workspace_secret = secrets.token_urlsafe(32)
        workspace_app, _ = Application.objects.get_or_create(
            name="Demo workspace app",
            defaults={
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_CLIENT_CREDENTIALS,
                "workspace": workspace,
                "user": admin,
            },
        )
        workspace_app.client_secret = workspace_secret  # hashed on save
        workspace_app.save()

        lifetime = timedelta(days=days)
        # (--reset) earlier demo tokens are revoked: the run prints tokens that work, and only those
        user_app.accesstoken_set.all().delete()
        workspace_app.accesstoken_set.all().delete()
        user_token, _ = issue_token(user_app, USER_SCOPES, user=user, lifetime=lifetime)
        workspace_token, _ = issue_token(workspace_app, WORKSPACE_SCOPES, lifetime=lifetime)

        out = self.stdout.write
        out(self.style.SUCCESS("Photodesk demo is ready."))
        out(f"  admin (Django admin at {base_url}/admin/): admin / {admin_password}")
        out(f"  user: demo / {user_password}, owner of workspace '{workspace.name}'")
        out(f"  user token ({days} days): {user_token}")
        out(f"    scopes: {' '.join(USER_SCOPES)}")
        out(f"  workspace token ({days} days): {workspace_token}")
        out(f"    scopes: {' '.join(WORKSPACE_SCOPES)}")
        out(f"  workspace client: client_id={workspace_app.client_id} "
            f"client_secret={workspace_secret}")
        out(f"  public client (authorization code + PKCE): client_id={user_app.client_id}")
        out("")
        out("Try it:")
        out(f'  curl -H "Authorization: Bearer {user_token}" {base_url}/api/principal')
        out(f'  curl -H "Authorization: Zoho-oauthtoken {workspace_token}" '
            f"{base_url}/api/principal")
        out(f'  curl "{base_url}/v2.0/me?access_token={user_token}"  # Graph only')
        out(f"  curl -u {workspace_app.client_id}:{workspace_secret} "
            f"-d grant_type=client_credentials -d scope=workspace_photos {base_url}/o/token/")
        out(f"  curl {base_url}/healthz")
        out("")
        out("Photos in each dialect (any JPEG or PNG of yours as photo.jpg):")
        out("  # generic photo API: a temporary photo, then read it back")
        out(f'  curl -H "Authorization: Bearer {user_token}" -F source=@photo.jpg '
            f"{base_url}/photos")
        out(f'  curl -H "Authorization: Bearer {user_token}" {base_url}/photo/PHOTO_ID')
        out("  # Graph API: publish into the application's album")
        out(f"  curl -F access_token={user_token} -F source=@photo.jpg -F message=Hello "
            f"{base_url}/v2.0/me/photos")
        out("  # Zoho CRM: make a Lead, then give it a photo")
        out(f'  curl -H "Authorization: Zoho-oauthtoken {user_token}" -H "Content-Type: '
            f'application/json" -d \'{{"data": [{{"Last_Name": "Demo"}}]}}\' '
            f"{base_url}/crm/v2/Leads")
        out(f'  curl -X POST -H "Authorization: Zoho-oauthtoken {user_token}" '
            f'-F "file=@photo.jpg" {base_url}/crm/v2/Leads/RECORD_ID/photo')
        out("  # Salesforce Chatter: make a group, then set its photo")
        out(f'  curl -H "Authorization: OAuth {user_token}" -H "Content-Type: application/json" '
            f"-d '{{\"name\": \"Demo group\", \"visibility\": \"PublicAccess\"}}' "
            f"{base_url}/services/data/v66.0/chatter/groups")
        out(f'  curl -H "Authorization: OAuth {user_token}" -F fileUpload=@photo.jpg '
            f"{base_url}/services/data/v66.0/chatter/groups/GROUP_ID/photo")
