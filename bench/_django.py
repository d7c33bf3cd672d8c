"""Benchmarks run against a fresh data directory of their own (never the user's)."""

import os
import tempfile


def setup(name: str) -> str:
    data_dir = tempfile.mkdtemp(prefix=f"whichmovie-bench-{name}-")
    os.environ["WHICHMOVIE_DATA_DIR"] = data_dir
    for key in ("DATABASE_URL", "BROKER_URL", "REDIS_URL"):
        os.environ.pop(key, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whichmovie.settings")
    import django

    django.setup()
    from whichmovie.cli import prepare_database

    prepare_database()
    return data_dir
