"""CLI start-up: `whichmovie channels list` on an up-to-date database against a bare Django
set-up of the contrib apps (`django.setup()` with admin, auth, contenttypes, sessions,
messages, staticfiles and nothing else), each in a fresh Python process. Target: the
command's median wall time <= 1.5x the bare set-up's.

    .venv/bin/python -m bench.startup [--runs 15]

Wall time is what a user waits; CPU time (user + system of the child) moves less when other
work shares the cores, so both are shown. The machine's load average is printed with them:
compare figures taken at similar loads. `whichmovie` pauses the garbage collector while Django
sets up (cli.collector_paused); a row applies the same to bare Django, for a like-for-like view.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

# A bare project: Django's contrib apps, SQLite, no app of ours.
BARE_DJANGO = """
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=[
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
"""
# The same, with the garbage collector paused during set-up as `whichmovie` does it
# (cli.collector_paused): a like-for-like view of what is left of our own start-up.
BARE_DJANGO_PAUSED = "import gc\ngc.disable()\n" + BARE_DJANGO + "gc.freeze()\ngc.enable()\n"
BASELINE = "bare Django: django.setup() of the contrib apps"
COMMAND = "whichmovie channels list"
# (row name, argv). The first row is the baseline, the second the target; the others show
# where the time goes.
ROWS = [
    (BASELINE, [sys.executable, "-c", BARE_DJANGO]),
    (COMMAND, [sys.executable, "-m", "whichmovie", "channels", "list"]),
    ("whichmovie export (empty catalogue)", [sys.executable, "-m", "whichmovie", "export"]),
    (
        "bare Django, collector paused during set-up",
        [sys.executable, "-c", BARE_DJANGO_PAUSED],
    ),
    (
        "django.setup() with WhichMovie's settings",
        [sys.executable, "-c", "import django; django.setup()"],
    ),
    ("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"]),
]


def timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run in a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode:
        raise SystemExit(f"{' '.join(argv[1:])} failed ({child.returncode}):\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per row (median shown)")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROKER_URL")}
    env.update(
        WHICHMOVIE_DATA_DIR=tempfile.mkdtemp(prefix="whichmovie-bench-startup-"),
        DJANGO_SETTINGS_MODULE="whichmovie.settings",
        REDIS_URL="",
    )
    # The first command migrates and adds the original channels: afterwards the database is
    # up to date, as it is for every command but the first after an install or upgrade.
    timed_run(ROWS[1][1], env)

    load_before = load()
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in ROWS}
    # Rows interleaved, run by run: a busy moment on the machine costs every row alike.
    for _ in range(args.runs):
        for name, argv in ROWS:
            samples[name].append(timed_run(argv, env))
    load_after = load()

    def medians(name: str) -> tuple[float, float]:
        walls, cpus = zip(*samples[name], strict=True)
        return statistics.median(walls), statistics.median(cpus)

    base_wall, base_cpu = medians(BASELINE)
    lines = [
        f"| start-up ({args.runs} runs, median) | wall | ÷ bare Django | CPU | ÷ bare Django |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, _ in ROWS:
        wall, cpu = medians(name)
        target = " (target ≤ 1.5)" if name == COMMAND else ""
        lines.append(
            f"| {name}{target} | {wall:.3f} s | {wall / base_wall:.2f} "
            f"| {cpu:.3f} s | {cpu / base_cpu:.2f} |"
        )
    print("\n".join(lines))
    print(f"\nload average (1, 5, 15 min): {load_before} before, {load_after} after")


if __name__ == "__main__":
    main()
