from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "Groups (Chatter)"

    def ready(self):
        from groups.targets import register_group_target

        register_group_target()
