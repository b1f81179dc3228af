from django import forms
from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from oauth2_provider import admin as oauth2_admin  # registers its models first

from accounts.models import Application, Membership, User, Workspace


# --- a list filter for foreign keys to big tables (users, workspaces, applications) -----------
# Django's own related filter lists every row of the related table; this one is the admin's own
# autocomplete widget (select2 over the related admin's search_fields). django-admin-autocomplete-
# filter, the library that did this, has had no release since 2021 (Django 3.x), so these few
# lines are ours.
class AutocompleteFilter(admin.FieldListFilter):
    """``list_filter = [("owner", AutocompleteFilter)]``: pick one related object by searching.

    The related model's admin needs ``search_fields``; the model admin using the filter needs
    :class:`AutocompleteFilterMedia` for the widget's scripts.
    """

    template = "admin/autocomplete_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        # the same parameter as Django's related filter: links made for one work with the other
        self.lookup_kwarg = f"{field_path}__{field.target_field.name}__exact"
        self.model_admin = model_admin
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self):
        return [self.lookup_kwarg]

    def value(self):
        values = self.used_parameters.get(self.lookup_kwarg)
        return values[-1] if values else None

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.lookup_kwarg, "p"]),
            "display": "All",
        }

    def widget(self):
        related = self.field.remote_field.model
        field = forms.ModelChoiceField(
            queryset=related._default_manager.all(), required=False,
            widget=AutocompleteSelect(self.field, self.model_admin.admin_site))
        attrs = {"class": "autocomplete-filter", "data-lookup": self.lookup_kwarg,
                 "id": f"filter-{self.lookup_kwarg}", "style": "width: 100%",
                 "aria-label": f"Search {self.title}"}
        try:
            return field.widget.render(self.lookup_kwarg, self.value(), attrs=attrs)
        except (ValueError, ValidationError):  # not an ID: the list says so already
            return field.widget.render(self.lookup_kwarg, None, attrs=attrs)


class AutocompleteFilterMedia:
    """Mixed into a ModelAdmin whose list uses :class:`AutocompleteFilter`."""

    @property
    def media(self):
        # the widget's media (jQuery, select2, the admin's autocomplete.js) need no field
        return (super().media + AutocompleteSelect(None, None).media
                + forms.Media(js=["accounts/autocomplete_filter.js"]))


# django-oauth-toolkit's own admin of applications, in a stable order for the autocomplete
# search of the photo list's application filter
admin.site.unregister(Application)


@admin.register(Application)
class ApplicationAdmin(oauth2_admin.ApplicationAdmin):
    ordering = ["name", "pk"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


# photos/admin.py adds each user's and workspace's photo to these (photos knows accounts, not
# the other way round)
@admin.register(User)
class UserAdmin(BaseUserAdmin):
    pass


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    ordering = ["name", "pk"]  # pages of the autocomplete search stay stable
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


# --- the audit trail: what was done in the admin, by whom ---------------------------------------
@admin.register(LogEntry)
class LogEntryAdmin(AutocompleteFilterMedia, admin.ModelAdmin):
    """Django's record of every admin act (additions, edits, deletions, moderation actions);
    read-only: a record that could be edited would prove nothing."""

    date_hierarchy = "action_time"
    list_display = ["action_time", "user", "action", "content_type", "object_link",
                    "message"]
    list_filter = [("user", AutocompleteFilter), "action_flag",
                   ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "change_message"]
    list_select_related = ["user", "content_type"]
    fields = ["action_time", "user", "action", "content_type", "object_link", "object_id",
              "message"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="action", ordering="action_flag")
    def action(self, entry):
        return entry.get_action_flag_display()

    @admin.display(description="object", ordering="object_repr")
    def object_link(self, entry):
        url = None if entry.action_flag == DELETION else entry.get_admin_url()
        if not url:  # deleted, or of a model no longer in the admin
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)

    @admin.display(description="change message")
    def message(self, entry):
        return entry.get_change_message()
