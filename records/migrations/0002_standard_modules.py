"""Standard modules for the workspaces that exist when the records app is installed; newer
workspaces get theirs from a post_save receiver (records.apps)."""

from django.db import migrations

from records import standard


def create_standard_modules(apps, schema_editor):
    Workspace = apps.get_model("accounts", "Workspace")
    Module = apps.get_model("records", "Module")
    for workspace_id in Workspace.objects.values_list("pk", flat=True).iterator():
        standard.create_for(workspace_id, Module)


class Migration(migrations.Migration):

    dependencies = [
        ("records", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_standard_modules, migrations.RunPython.noop),
    ]
