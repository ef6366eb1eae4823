"""The innovation indicators' pages (public page, operator entry), under /insights/indicators/ in
the "insights" namespace."""

from django.urls import path

from labshare.insights.views import indicators

urlpatterns = [
    path("", indicators.public, name="indicators"),
    path("manage/", indicators.admin_list, name="indicator_admin"),
    path("manage/new/", indicators.new_indicator, name="indicator_new"),
    path("manage/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("manage/<int:pk>/edit/", indicators.edit_indicator, name="indicator_edit"),
    path("manage/<int:pk>/values/", indicators.set_value, name="indicator_set_value"),
    path("manage/<int:pk>/targets/", indicators.set_target, name="indicator_set_target"),
    path("manage/values/<int:pk>/delete/", indicators.delete_value, name="indicator_delete_value"),
    path(
        "manage/targets/<int:pk>/delete/",
        indicators.delete_target,
        name="indicator_delete_target",
    ),
]
