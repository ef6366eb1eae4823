from django.urls import path

from labshare.catalog import console_views, testing_views, transfer_views, views

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
    path("tests/", testing_views.test_service_list, name="test_service_list"),
    path("tests/<int:pk>/", testing_views.test_service_detail, name="test_service_detail"),
    path(
        "console/test-items/",
        testing_views.console_test_services,
        name="console_test_services",
    ),
    path("console/test-items/new/", testing_views.test_service_new, name="test_service_new"),
    path("console/test-items/<int:pk>/", testing_views.test_service_edit, name="test_service_edit"),
    path(
        "console/test-items/<int:pk>/publish/",
        testing_views.test_service_publish,
        name="test_service_publish",
    ),
    path(
        "console/test-items/<int:pk>/withdraw/",
        testing_views.test_service_withdraw,
        name="test_service_withdraw",
    ),
    path(
        "console/accreditations/",
        testing_views.console_accreditations,
        name="console_accreditations",
    ),
    path(
        "console/accreditations/<int:pk>/",
        testing_views.accreditation_scope,
        name="accreditation_scope",
    ),
    path(
        "console/accreditations/<int:pk>/scope/<int:line_pk>/remove/",
        testing_views.scope_line_remove,
        name="scope_line_remove",
    ),
]
