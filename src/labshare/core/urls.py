from django.urls import path

from labshare.core import views

app_name = "core"
urlpatterns = [
    path("about/", views.page, {"name": "about"}, name="about"),
    path("guide/", views.page, {"name": "guide"}, name="guide"),
    path("help/", views.page, {"name": "help"}, name="help"),
    path("terms/", views.page, {"name": "terms"}, name="terms"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("operator/", views.operator_overview, name="operator_overview"),
    path("operator/mail/", views.outgoing_mail, name="outgoing_mail"),
    path("operator/working-days/", views.working_days, name="working_days"),
    path(
        "operator/working-days/<str:day>/clear/",
        views.working_day_clear,
        name="working_day_clear",
    ),
]
