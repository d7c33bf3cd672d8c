"""Django's admin, with its `admin.py` modules loaded by the URLconf (whichmovie.urls) instead
of at start-up: they import the services, title parsing and matching, which a command such as
`whichmovie channels list` would load for nothing."""

from typing import Any

from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_admin_app, check_dependencies
from django.core import checks


class AdminConfig(SimpleAdminConfig):
    def ready(self) -> None:
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(check_model_admins, checks.Tags.admin)


def load_admin_modules() -> None:
    """Every app's admin.py, with the type parameters they use (ModelAdmin[Movie]) allowed at
    run time by django-stubs-ext. Called by the URLconf and the admin's checks."""
    import django_stubs_ext
    from django.contrib import admin

    django_stubs_ext.monkeypatch()
    admin.autodiscover()


def check_model_admins(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The admin's checks of every ModelAdmin, after loading them: system checks run in no
    set order, so possibly before the URLconf has loaded the admin modules."""
    load_admin_modules()
    errors: list[checks.CheckMessage] = check_admin_app(app_configs, **kwargs)
    return errors
