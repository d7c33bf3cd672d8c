import json
from urllib.parse import parse_qs

import pytest
from django.contrib.auth import get_user_model
from werkzeug import Request, Response


@pytest.fixture
def make_user(db):
    def make(name="ann", password="pw-ann-123"):
        return get_user_model().objects.create_user(name, password=password)

    return make


class Receiver:
    """A real HTTP endpoint for Apprise's json:// and form:// targets; keeps what arrived."""

    def __init__(self, httpserver):
        self.server = httpserver
        self.messages: list[dict] = []
        self.failures_left = 0
        # Runs inside the first request: code that acts while a sender is mid-send.
        self.during_first_message = None
        httpserver.expect_request("/hook", method="POST").respond_with_handler(self._handle)

    def _handle(self, request: Request) -> Response:
        if self.failures_left:
            self.failures_left -= 1
            return Response("down for maintenance", status=503)
        if self.during_first_message is not None:
            action, self.during_first_message = self.during_first_message, None
            action()
        body = request.get_data(as_text=True)
        if request.mimetype == "application/json":
            self.messages.append(json.loads(body))
        else:
            self.messages.append({k: v[0] for k, v in parse_qs(body).items()})
        return Response("ok")

    def url(self, scheme="json"):
        return f"{scheme}://127.0.0.1:{self.server.port}/hook"


@pytest.fixture
def receiver(httpserver):
    return Receiver(httpserver)
