"""URLs of the records app (included at the root by config/urls.py): Zoho CRM v2 under
``crm/v2/`` and Bigin v2 under ``bigin/v2/``, the same views for both products.

Bigin's photo resource also answers under ``bigin/v1/``: the Bigin seed's own Deluge sample
posts to ``/bigin/v1/{module_api_name}/{record_id}/photo``, and a client copied from it must
get what ``/bigin/v2/...`` answers (the same view; v1's other resources are not documented
here, so they stay INVALID_URL_PATTERN)."""

from django.urls import path, re_path

from records import views

app_name = "records"

urlpatterns = []
for product in ("crm", "bigin"):
    urlpatterns += [
        # the metadata APIs, before the module paths they would otherwise be read as
        path(f"{product}/v2/settings/fields",
             views.FieldsView.as_view(product=product), name=f"{product}-fields"),
        path(f"{product}/v2/settings/modules",
             views.ModulesView.as_view(product=product), name=f"{product}-modules"),
        path(f"{product}/v2/<str:module_name>",
             views.RecordListView.as_view(product=product), name=f"{product}-records"),
        path(f"{product}/v2/<str:module_name>/<str:record_id>",
             views.RecordDetailView.as_view(product=product), name=f"{product}-record"),
        path(f"{product}/v2/<str:module_name>/<str:record_id>/photo",
             views.RecordPhotoView.as_view(product=product), name=f"{product}-photo"),
    ]
urlpatterns.append(path("bigin/v1/<str:module_name>/<str:record_id>/photo",
                        views.RecordPhotoView.as_view(product="bigin"), name="bigin-v1-photo"))
# every other path of these APIs is Zoho's INVALID_URL_PATTERN, not another app's 404
urlpatterns.append(re_path(r"^(crm|bigin)(/|$)", views.UnknownURLView.as_view(),
                           name="unknown"))
