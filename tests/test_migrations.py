"""Every model change ships with its migration: a fresh clone migrates to the models it runs."""

import io
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:
        pytest.fail(
            f"makemigrations found changes without a migration (exit {exit.code}):\n"
            f"{out.getvalue()}"
        )


def test_two_migrate_commands_at_once_on_postgresql_take_turns(tmp_path):
    """`whichmovie manage migrate` on two machines at once (an upgrade): without the lock
    both create the same tables and one dies on "relation already exists"."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip(
            "PostgreSQL only: two migrations at once cannot happen on SQLite, which has one "
            "writer (.ci/run's second run sets DATABASE_URL)"
        )
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_migrate"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
    env.update(WHICHMOVIE_DATA_DIR=str(tmp_path), BROKER_URL="", REDIS_URL="")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "whichmovie", "manage", "migrate", "--no-input"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outcomes = [process.communicate(timeout=180) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outcomes]
    applied = [out.count("Applying ") for out, _ in outcomes]
    # One applied the migrations; the other waited, then found nothing left to do.
    assert sorted(applied)[0] == 0 and sorted(applied)[1] > 0
