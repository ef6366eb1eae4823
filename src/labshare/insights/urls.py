from django.urls import include, path

from labshare.insights.views import dashboards, quotas

app_name = "insights"

urlpatterns = [
    path("", dashboards.district, name="district"),
    path("district.xlsx", dashboards.district_xlsx, name="district_xlsx"),
    path("provider/", dashboards.provider, name="own_provider"),
    path("provider/<int:pk>/", dashboards.provider, name="provider"),
    path("provider/<int:pk>/dashboard.xlsx", dashboards.provider_xlsx, name="provider_xlsx"),
    path("assessment/<int:year>.xlsx", dashboards.district_assessment, name="district_assessment"),
    path(
        "provider/<int:pk>/assessment/<int:year>.xlsx",
        dashboards.provider_assessment,
        name="provider_assessment",
    ),
    path("provider/<int:pk>/quotas/", quotas.quota_list, name="quotas"),
    path("quota/<int:pk>/", quotas.set_quota, name="set_quota"),
    path("indicators/", include("labshare.insights.indicator_urls")),
]
