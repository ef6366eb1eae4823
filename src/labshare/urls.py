from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from labshare.catalog import views as catalog_views
from labshare.core import views as core_views

urlpatterns = [
    path("", catalog_views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", core_views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("labshare.accounts.urls")),
    path("", include("labshare.catalog.urls")),
    path("", include("labshare.booking.urls")),
    path("", include("labshare.orders.urls")),
    path("billing/", include("labshare.billing.urls")),
    path("cooperation/", include("labshare.cooperation.urls")),
    path("insights/", include("labshare.insights.urls")),
    path("", include("labshare.core.urls")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    # In production the web server serves /media/ (see README); here Django does, for the demo.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
