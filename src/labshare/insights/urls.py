from django.urls import include, path

app_name = "insights"

urlpatterns = [
    path("indicators/", include("labshare.insights.indicator_urls")),
]
