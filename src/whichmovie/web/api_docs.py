"""The API's Swagger UI page from django-ninja's own files, never from a CDN.

ninja renders its bundled page only when "ninja" is an installed app, which would import it
at every start; settings.py adds its templates and static files instead, and this renders
them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class BundledSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": False,  # the API only reads: no unsafe method, no CSRF token
        }
        return render(request, self.template, context)
