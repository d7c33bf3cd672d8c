from django.contrib import admin
from django.urls import include, path

from whichmovie.catalog.admin_config import load_admin_modules

# The admin's modules load with the site, not at every command's start (catalog.admin_config).
load_admin_modules()

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("my/", include("whichmovie.radar.urls")),
    path("", include("whichmovie.web.urls")),
]
