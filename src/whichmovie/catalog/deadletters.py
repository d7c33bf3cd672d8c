"""Dead letters: the messages Dramatiq gave up on, read from the broker's `<queue>.XQ`.

A message out of retries is moved to its queue's dead-letter queue and kept there a week
(Dramatiq's dead message TTL), where no worker takes it. Operators see how many there are
and the newest few (actor, arguments, error) on the status page and in the admin, and
retry one: it is sent again as a new message and taken off the dead-letter queue.

Each broker keeps them its own way: Redis in a sorted set (by when it died) beside a hash
of the messages; RabbitMQ in a queue, read without acknowledging (closing the channel puts
them back, in their order); the in-process StubBroker in a list.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import dramatiq
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import xq_name

logger = logging.getLogger(__name__)

NEWEST = 5
RABBITMQ_SCAN = 500  # a RabbitMQ queue is read from its head: "newest" among this many


@dataclass(frozen=True)
class DeadLetter:
    message_id: str
    queue: str
    actor: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    error: str
    failed_at: datetime | None

    @property
    def target(self) -> str:
        return ", ".join(str(arg) for arg in self.args)[:200]


@dataclass
class DeadLetters:
    count: int = 0
    newest: list[DeadLetter] = field(default_factory=list)


def _broker(broker: dramatiq.Broker | None) -> dramatiq.Broker:
    return broker or dramatiq.get_broker()


def _queues(broker: dramatiq.Broker) -> list[str]:
    from whichmovie.catalog.tasks import schedule

    schedule()  # every app's actors declared, so their queues are known
    names = {actor.queue_name for actor in broker.actors.values()}
    names |= {name for name in broker.get_declared_queues() if not name.endswith((".DQ", ".XQ"))}
    return sorted(names or {"default"})


def _error(message: dramatiq.Message[Any]) -> str:
    """The last line of the traceback Dramatiq kept: the exception and its message."""
    lines = str(message.options.get("traceback") or "").strip().splitlines()
    return lines[-1][:500] if lines else ""


def _letter(message: dramatiq.Message[Any], *, failed_at: datetime | None) -> DeadLetter:
    return DeadLetter(
        message_id=message.message_id,
        queue=message.queue_name.removesuffix(".DQ"),
        actor=message.actor_name,
        args=tuple(message.args),
        kwargs=dict(message.kwargs),
        error=_error(message),
        failed_at=failed_at,
    )


def _with_job_runs(letters: list[DeadLetter]) -> list[DeadLetter]:
    """The error and end time its job run recorded: the last try's (the broker keeps the
    message as it was sent, with the try before's traceback, if any)."""
    from django.db import DatabaseError

    from whichmovie.catalog.models import JobRun

    try:
        runs = {
            message_id: (error, finished_at)
            for message_id, error, finished_at in JobRun.objects.filter(
                message_id__in=[letter.message_id for letter in letters],
                status=JobRun.Status.DEAD,
            ).values_list("message_id", "error", "finished_at")
        }
    except DatabaseError:
        return letters
    shown = []
    for letter in letters:
        error, finished_at = runs.get(letter.message_id, ("", None))
        shown.append(
            replace(letter, error=error or letter.error, failed_at=finished_at or letter.failed_at)
        )
    return shown


def dead_letters(*, newest: int = NEWEST, broker: dramatiq.Broker | None = None) -> DeadLetters:
    """How many dead letters the broker holds, and the newest few (newest first).
    Raises the broker's error when it cannot be reached."""
    broker = _broker(broker)
    result = DeadLetters()
    letters: list[DeadLetter] = []
    for queue in _queues(broker):
        count, newest_of_queue = _read(broker, queue, newest)  # each newest first
        result.count += count
        letters.extend(_with_job_runs(newest_of_queue))
    # Stable: letters with no known time keep their queue's order.
    letters.sort(key=lambda letter: letter.failed_at or _NEVER, reverse=True)
    result.newest = letters[:newest]
    return result


_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass
class DeadLettersShown:
    letters: DeadLetters | None
    reason: str = ""  # why they could not be read


def dead_letters_or_reason(*, newest: int = NEWEST) -> DeadLettersShown:
    """For pages: the dead letters, or in a few words why the broker could not say."""
    try:
        return DeadLettersShown(dead_letters(newest=newest))
    except Exception as error:  # a page must render while the broker is down
        logger.warning("dead letters not read: %s", error)
        return DeadLettersShown(None, f"the broker did not answer ({type(error).__name__})")


def _read(broker: dramatiq.Broker, queue: str, newest: int) -> tuple[int, list[DeadLetter]]:
    if isinstance(broker, RedisBroker):
        key = f"{broker.namespace}:{xq_name(queue)}"
        client = broker.client
        count = int(client.zcard(key))
        ids_scores: list[tuple[bytes, float]] = client.zrevrange(  # type: ignore[assignment]
            key, 0, newest - 1, withscores=True
        )
        if not ids_scores:
            return count, []
        bodies = client.hmget(f"{key}.msgs", [redis_id for redis_id, _ in ids_scores])
        letters = [
            _letter(dramatiq.Message.decode(body), failed_at=_from_millis(score))
            for (_, score), body in zip(ids_scores, bodies, strict=True)
            if body is not None
        ]
        return count, letters
    if isinstance(broker, RabbitmqBroker):
        with _rabbitmq_dead_letters(broker, queue) as (count, messages):
            letters = [
                _letter(message, failed_at=_from_millis(message.options.get("requeue_timestamp")))
                for _, message in messages[-newest:]
            ]
            return count, letters[::-1]
    if isinstance(broker, StubBroker):
        stub = [proxy._message for proxy in broker.dead_letters_by_queue.get(queue, [])]
        return len(stub), [_letter(m, failed_at=None) for m in stub[-newest:]][::-1]
    return 0, []


def _from_millis(value: Any) -> datetime | None:
    return datetime.fromtimestamp(float(value) / 1000, tz=UTC) if value else None


@contextlib.contextmanager
def _rabbitmq_dead_letters(
    broker: RabbitmqBroker, queue: str
) -> Iterator[tuple[int, list[tuple[Any, dramatiq.Message[Any]]]]]:
    """The dead-letter queue's count and up to RABBITMQ_SCAN messages, unacknowledged: on
    leaving, those not acknowledged on the yielded channel go back to the queue."""
    import pika
    import pika.exceptions

    connection = pika.BlockingConnection(broker.parameters)
    try:
        channel = connection.channel()
        try:
            declared = channel.queue_declare(queue=xq_name(queue), passive=True)
        except pika.exceptions.ChannelClosedByBroker:  # no such queue yet: nothing died
            yield 0, []
            return
        count = int(declared.method.message_count)
        messages = []
        for _ in range(min(count, RABBITMQ_SCAN)):
            method, _properties, body = channel.basic_get(xq_name(queue), auto_ack=False)
            if method is None:
                break
            messages.append(((channel, method.delivery_tag), dramatiq.Message.decode(body)))
        yield count, messages
    finally:
        connection.close()


def dead_letter_retry(message_id: str, *, broker: dramatiq.Broker | None = None) -> str:
    """Send a dead letter again (a new message, retries counted afresh) and take it off the
    dead-letter queue. Returns the new message's id; LookupError when it is not there (it
    was retried already, or expired)."""
    broker = _broker(broker)
    for queue in _queues(broker):
        if isinstance(broker, RedisBroker):
            key = f"{broker.namespace}:{xq_name(queue)}"
            for redis_id, body in broker.client.hscan_iter(f"{key}.msgs"):
                message = dramatiq.Message.decode(body)
                if message.message_id == message_id:
                    sent = _send_again(broker, message)
                    broker.client.zrem(key, redis_id)
                    broker.client.hdel(f"{key}.msgs", redis_id)
                    return sent
        elif isinstance(broker, RabbitmqBroker):
            with _rabbitmq_dead_letters(broker, queue) as (_, messages):
                for (channel, tag), message in messages:
                    if message.message_id == message_id:
                        sent = _send_again(broker, message)
                        channel.basic_ack(tag)
                        return sent
        elif isinstance(broker, StubBroker):
            letters = broker.dead_letters_by_queue.get(queue, [])
            for proxy in letters:
                if proxy.message_id == message_id:
                    sent = _send_again(broker, proxy._message)
                    letters.remove(proxy)
                    return sent
    raise LookupError(f"no dead letter {message_id}: retried already, or expired")


def _send_again(broker: dramatiq.Broker, message: dramatiq.Message[Any]) -> str:
    """A new message of the same call: a scheduled run's claim is left out (a person asked
    for this run), and so are the old tries' retry count, traceback and delay."""
    kwargs = {k: v for k, v in message.kwargs.items() if k != "scheduled_run"}
    again: dramatiq.Message[Any] = dramatiq.Message(
        queue_name=message.queue_name.removesuffix(".DQ"),
        actor_name=message.actor_name,
        args=tuple(message.args),
        kwargs=kwargs,
        options={},
    )
    return str(broker.enqueue(again).message_id)
