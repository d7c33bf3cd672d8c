"""What the admin index shows above the apps: the review queue's size, the status page."""

from django import template

from whichmovie.catalog.models import MatchStatus, Movie

register = template.Library()


@register.simple_tag
def movies_to_review() -> int:
    return Movie.objects.filter(match_status=MatchStatus.NEEDS_REVIEW).count()
