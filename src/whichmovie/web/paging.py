"""Keyset pagination: a page starts after the last row of the previous one.

Unlike OFFSET, the cost of a page does not grow with its depth, and rows added while
someone scrolls do not shift what they see. The cursor is opaque to users: base64 of
[sort field, last value, last id].
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy

from whichmovie.web.filters import FilterError

MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class SortKey:
    """Rows are ordered by `field` descending (nulls last), then by id descending."""

    field: str
    nullable: bool
    parse: Callable[[str], Any]

    def ordering(self) -> list[OrderBy | str]:
        if self.nullable:
            return [F(self.field).desc(nulls_last=True), "-id"]
        return [f"-{self.field}", "-id"]

    def after(self, value: Any, pk: int) -> Q:
        """Rows that come after (value, pk) in `ordering`."""
        if value is None:
            return Q(**{f"{self.field}__isnull": True, "id__lt": pk})
        # The first term bounds an index range scan; the second breaks ties on id.
        later = Q(**{f"{self.field}__lte": value}) & (
            Q(**{f"{self.field}__lt": value}) | Q(id__lt=pk)
        )
        if self.nullable:
            later |= Q(**{f"{self.field}__isnull": True})
        return later


MOVIE_SORT_KEYS = {
    "newest": SortKey("latest_video_at", nullable=False, parse=datetime.fromisoformat),
    "release": SortKey("release_date", nullable=True, parse=date.fromisoformat),
    # Annotated by MovieFilters.apply: the average of films with enough votes, else none.
    "rating": SortKey("rated_average", nullable=True, parse=float),
}
VIDEO_SORT_KEY = SortKey("published_at", nullable=True, parse=datetime.fromisoformat)


def _text(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def encode_cursor(key: SortKey, row: Model) -> str:
    payload = json.dumps([key.field, _text(getattr(row, key.field)), row.pk])
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(key: SortKey, cursor: str) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        field, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if field != key.field:
            raise FilterError("This cursor belongs to another sort order; start from page one.")
        # Ids beyond a 64-bit integer would overflow the database driver, not just miss.
        if not isinstance(pk, int) or isinstance(pk, bool) or not 0 <= pk <= MAX_ID:
            raise TypeError(pk)
        parsed = None if value is None else key.parse(str(value))
        if isinstance(parsed, float) and not math.isfinite(parsed):
            raise ValueError(parsed)
        return parsed, pk
    except FilterError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError, binascii.Error) as error:
        raise FilterError("cursor is not valid; use the next_cursor a page gave you.") from error


@dataclass(frozen=True)
class Page[T]:
    rows: list[T]
    next_cursor: str | None


def keyset_page[M: Model](
    queryset: QuerySet[M], key: SortKey, *, cursor: str, limit: int
) -> Page[M]:
    ordered = queryset.order_by(*key.ordering())
    if cursor:
        ordered = ordered.filter(key.after(*decode_cursor(key, cursor)))
    rows = list(ordered[: limit + 1])  # one more row says whether a next page exists
    if len(rows) > limit:
        return Page(rows=rows[:limit], next_cursor=encode_cursor(key, rows[limit - 1]))
    return Page(rows=rows, next_cursor=None)
