"""The DEBUG error page shows settings and the request: never a password."""

from __future__ import annotations

import re
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

from whichmovie.config import mask_url_password


class SafeReporterFilter(SafeExceptionReporterFilter):
    """Hides what Django's filter hides, plus settings and request values holding a URL with
    a password, and settings named like a connection (BROKER_URL, REDIS_URL, LOCATION)."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|BROKER|REDIS|DATABASE_URL", re.I
    )

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        cleansed = super().cleanse_setting(key, value)
        if type(cleansed) is str:  # not the lazy "********************" substitute
            return mask_url_password(cleansed)
        return cleansed
