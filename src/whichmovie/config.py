"""What settings.py needs to read the environment safely; no Django models, no apps.

- `ConfigEnv`: django-environ that names the variable when a value cannot be read, so a typo
  is one line ("TMDB_RATE_LIMIT='abc' is not a number"), never a traceback.
- `mask_url_password`: URLs with credentials (DATABASE_URL, BROKER_URL, REDIS_URL) shown
  without the password, on error pages and in messages.
- `LogLineFilter`: every log line short and on one line: a 10,000-character title from
  outside is logged as its start, and control characters cannot forge lines or colour codes.
- `OutsideFailureLogFilter`: a job that failed because YouTube or TMDB did is one log line
  (it is retried), not a traceback; Dramatiq's note that results are discarded is dropped.
- `private_path`: the data directory and the SQLite file, created readable by us only.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

from whichmovie.outside import OutsideFailure

_URL_PASSWORD = re.compile(r"(?P<start>[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]*@", re.IGNORECASE)
MAX_LOG_MESSAGE = 2000
_LOG_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def mask_url_password(value: str) -> str:
    return _URL_PASSWORD.sub(r"\g<start>********@", value)


class ConfigEnv(environ.Env):  # type: ignore[misc]
    def get_value(
        self,
        var: str,
        cast: Any = None,
        default: Any = environ.Env.NOTSET,
        parse_default: bool = False,
    ) -> Any:
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except (ValueError, TypeError) as error:
            raw = mask_url_password(os.environ.get(var, ""))
            kind = getattr(cast, "__name__", "") or type(default).__name__
            wanted = {"int": "a whole number", "float": "a number", "bool": "true or false"}
            raise ImproperlyConfigured(
                f"{var}={raw!r} is not valid: expected {wanted.get(kind, kind or 'a value')}"
            ) from error

    def db_url(
        self, var: str = "DATABASE_URL", default: Any = environ.Env.NOTSET, engine: Any = None
    ) -> Any:
        raw = os.environ.get(var)
        if raw is not None and not raw.strip():
            raise ImproperlyConfigured(
                f"{var} is set but empty: unset it for the SQLite default, "
                "or give a URL such as postgres://user:pass@host:5432/whichmovie"
            )
        try:
            with warnings.catch_warnings():
                # django-environ warns about an unknown scheme; we say it in one line below.
                warnings.simplefilter("ignore")
                config = super().db_url(var, default=default, engine=engine)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            config = {"error": error}
        if not config.get("ENGINE") or "error" in config:
            raise ImproperlyConfigured(
                f"{var}={mask_url_password(raw or '')!r} is not a database URL "
                "(sqlite:///path or postgres://user:pass@host:5432/name)"
            )
        return config

    def positive_float(self, var: str, *, default: float) -> float:
        value: float = self.float(var, default=default)
        if not 0 < value < float("inf"):
            raise ImproperlyConfigured(f"{var}={value!r} is not valid: expected a number above 0")
        return value

    def choice(self, var: str, *, default: str, choices: tuple[str, ...]) -> str:
        value: str = self.str(var, default=default).strip().upper()
        if value not in choices:
            raise ImproperlyConfigured(
                f"{var}={value!r} is not valid: expected one of {', '.join(choices)}"
            )
        return value


class LogLineFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # logging reports the broken call itself
        if len(message) > MAX_LOG_MESSAGE or _LOG_CONTROLS.search(message):
            cut = message[:MAX_LOG_MESSAGE]
            more = f"… ({len(message)} characters)" if len(message) > MAX_LOG_MESSAGE else ""
            record.msg, record.args = _LOG_CONTROLS.sub("?", cut) + more, None
        return True


class OutsideFailureLogFilter(logging.Filter):
    """A traceback is for our own bugs. A job that failed because YouTube or TMDB did (an
    `OutsideFailure`: TMDB down, a wrong key, a channel gone) is retried and logged as one
    line that says why. Dramatiq's "returned a value ... Results middleware" warning is
    dropped: the job-run middleware records what the actors return."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("dramatiq") and "Results middleware" in str(record.msg):
            return False
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, OutsideFailure):
            record.msg = f"{record.getMessage().rstrip('.')}: {type(error).__name__}: {error}"
            record.args, record.exc_info, record.exc_text = None, None, None
        return True


def private_directory(path: Path) -> Path:
    """Create the data directory readable by us only; an existing one is left as it is."""
    try:
        path.mkdir(parents=True, mode=0o700)
        path.chmod(0o700)  # mkdir's mode is reduced by the umask, never raised
    except FileExistsError:
        # From an earlier start, or made just now by a process started alongside this one.
        if not path.is_dir():
            raise ImproperlyConfigured(
                f"WHICHMOVIE_DATA_DIR={str(path)!r}: is a file, not a directory"
            ) from None
    except OSError as error:
        raise ImproperlyConfigured(
            f"WHICHMOVIE_DATA_DIR={str(path)!r}: cannot create it ({error.strerror})"
        ) from error
    return path


def kept_secret(path: Path, new_secret: str) -> str:
    """The secret kept in `path`, made from `new_secret` on the first start. Processes started
    together on an empty data directory all end up with the one secret that was linked first:
    the file appears complete and at once, never half-written."""
    if not path.exists():
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(new_secret)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process's secret won
        finally:
            draft.unlink()
    return path.read_text().strip()


def private_file(path: Path) -> None:
    """The SQLite file holds sessions and password hashes: ours only (SQLite gives its -wal
    and -shm files the same mode)."""
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL: cannot create the SQLite file {str(path)!r} ({error.strerror})"
        ) from error
