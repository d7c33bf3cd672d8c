from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def user_named(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(
            f"there is no user {username!r} (create one: whichmovie manage createsuperuser)"
        )
    return user
