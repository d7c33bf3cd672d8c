"""A self-hoster's first minutes, from outside: `whichmovie serve` on a fresh data directory,
and the commands' help."""

import os
import socket
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.processes


def _env(data_dir, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "BROKER_URL", "REDIS_URL", "TMDB_API_KEY")
    }
    # Nothing may reach YouTube or TMDB if the schedule fires while the server is up.
    env.update(
        WHICHMOVIE_DATA_DIR=str(data_dir),
        TMDB_API_URL="http://127.0.0.1:9/3",
        YOUTUBE_FEED_URL="http://127.0.0.1:9/feeds/videos.xml",
        TMDB_READ_ACCESS_TOKEN="",
        **extra,
    )
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_on_a_fresh_data_dir_warns_that_the_tmdb_key_is_missing(tmp_path):
    server = subprocess.Popen(
        [sys.executable, "-m", "whichmovie", "serve", "--port", str(_free_port())],
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = []
    try:
        deadline = time.monotonic() + 90
        assert server.stderr is not None
        while time.monotonic() < deadline:
            line = server.stderr.readline()
            if not line:
                break
            seen.append(line)
            if "warning: No TMDB key" in line:
                break
    finally:
        server.terminate()
        server.communicate(timeout=30)  # waits, and closes its pipe
    assert any("warning: No TMDB key: set TMDB_API_KEY" in line for line in seen), seen


@pytest.mark.parametrize("command", ["serve", "fetch", "channels", "notify-test"])
def test_a_command_s_help_has_one_usage_line_and_no_django_options(tmp_path, command):
    result = subprocess.run(
        [sys.executable, "-m", "whichmovie", command, "--help"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: whichmovie {command} [-h]")
    for internal in ("--settings", "--pythonpath", "--traceback", "--no-color", "--skip-checks"):
        assert internal not in result.stdout
    # Every option says what it does.
    options = [line for line in result.stdout.splitlines() if line.startswith("  --")]
    assert all(len(line.split()) > 2 for line in options), options
