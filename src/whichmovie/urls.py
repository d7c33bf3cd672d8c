from django.contrib import admin
from django.urls import include, path

# The admin's modules load with the site, not at every command's start (catalog.admin_config).
admin.autodiscover()

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("my/", include("whichmovie.radar.urls")),
    path("", include("whichmovie.web.urls")),
]
