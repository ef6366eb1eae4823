from django.urls import path

from labshare.catalog import console_views, transfer_views, views

app_name = "catalog"
urlpatterns = [
    path("instruments/", views.instrument_list, name="instrument_list"),
    path("instruments/<int:pk>/", views.instrument_detail, name="instrument_detail"),
    path("providers/", views.provider_list, name="provider_list"),
    path("providers/<int:pk>/", views.provider_detail, name="provider_detail"),
    path("console/instruments/", console_views.console_instruments, name="console_instruments"),
    path("console/instruments/new/", console_views.instrument_create, name="instrument_create"),
    path("console/instruments/<int:pk>/", console_views.instrument_edit, name="instrument_edit"),
    path(
        "console/instruments/<int:pk>/publish/",
        console_views.instrument_publish,
        name="instrument_publish",
    ),
    path(
        "console/instruments/<int:pk>/unpublish/",
        console_views.instrument_unpublish,
        name="instrument_unpublish",
    ),
    path(
        "console/instruments/<int:pk>/retire/",
        console_views.instrument_retire,
        name="instrument_retire",
    ),
    path("console/instruments/<int:pk>/photos/", console_views.photo_add, name="photo_add"),
    path(
        "console/instruments/<int:pk>/photos/<int:photo_pk>/delete/",
        console_views.photo_delete,
        name="photo_delete",
    ),
    path("console/instruments/import/", transfer_views.instrument_import, name="instrument_import"),
    path("console/imports/<int:pk>/", transfer_views.import_job, name="import_job"),
    path("console/instruments/export/", transfer_views.instrument_export, name="instrument_export"),
]
