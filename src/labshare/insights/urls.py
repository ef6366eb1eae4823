from django.urls import include, path

from labshare.insights.views import dashboards, quotas

app_name = "insights"

urlpatterns = [
    path("", dashboards.district, name="district"),
    path("district.xlsx", dashboards.district_xlsx, name="district_xlsx"),
    path("provider/", dashboards.provider, name="own_provider"),
    path("provider/<int:pk>/", dashboards.provider, name="provider"),
    path("provider/<int:pk>/dashboard.xlsx", dashboards.provider_xlsx, name="provider_xlsx"),
    path("assessment/", dashboards.queue_assessment, name="queue_assessment"),
    path("assessment/<int:pk>/", dashboards.assessment_status, name="assessment"),
    path("assessment/<int:pk>/file/", dashboards.assessment_file, name="assessment_file"),
    path("provider/<int:pk>/quotas/", quotas.quota_list, name="quotas"),
    path("quota/<int:pk>/", quotas.set_quota, name="set_quota"),
    path("indicators/", include("labshare.insights.indicator_urls")),
]
