"""The one base class of failures that come from outside: YouTube or TMDB refused, failed or
could not be reached. Expected in the wild, so the jobs retry them and the log says them in
one line (config.OutsideFailureLogFilter), never with a traceback. Pure: no imports."""


class OutsideFailure(Exception):
    """YouTube or TMDB could not give an answer; the message says why in a user's words."""
