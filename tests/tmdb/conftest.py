from collections.abc import Iterator

import pytest

from tests.fakes.tmdb import FakeTmdb
from whichmovie.tmdb.client import TmdbClient


@pytest.fixture
def fake() -> Iterator[FakeTmdb]:
    """A local TMDB-shaped server (test_client.py has its own, with slow answers)."""
    with FakeTmdb() as server:
        yield server


@pytest.fixture
def client(fake: FakeTmdb) -> Iterator[TmdbClient]:
    with fake.make_client() as tmdb:
        yield tmdb
