"""What one client may make the server do: a body size limit and a write rate, as ASGI middleware.

    BodyLimit       a request body over `max_body_bytes` is a 413; a declared Content-Length
                    over it is refused before a byte of the body is read, and a body without
                    one (chunked) is cut off as soon as it passes the limit.
    WriteRateLimit  writes (POST, PUT, PATCH, DELETE) from one client address take a token
                    from that address's bucket: `write_rate` per minute, in bursts of as many;
                    an empty bucket is a 429 with Retry-After. Failed logins count too, so the
                    limit also slows down guessing the token.

Both answer in the API's one error shape. They are pure ASGI (no buffering of bodies or
responses) and run on the event loop, so the buckets need no lock. The client address is
the socket's peer: behind a reverse proxy every client shares the proxy's bucket, and the
proxy should do its own limiting (X-Forwarded-For is not trusted, it is trivial to forge).
"""
from __future__ import annotations

import math
import time
from typing import Callable

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import config
from .errors import ApiError, error_response

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyLimit:
    """413 for request bodies over `max_bytes`, read no further than the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(400, "bad_request", "Content-Length is not a number")(scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await self._too_large()(scope, receive, send)
                return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the endpoint's read of the body; the API's handler for
                    # HTTP errors turns it into the one shape.
                    raise ApiError(413, "payload_too_large", self._message())
            return message

        await self.app(scope, counted_receive, send)

    def _message(self) -> str:
        return f"request body larger than {self.max_bytes} bytes (setting max_body_bytes); send fewer articles per request"

    def _too_large(self):
        # The connection is closed after the answer: the client may still be sending a body we won't read.
        return error_response(413, "payload_too_large", self._message(), headers={"Connection": "close"})


class TokenBuckets:
    """One token bucket per key: `per_minute` tokens a minute, holding at most `per_minute`.

    `take(key)` spends a token and returns 0.0, or, when the bucket is empty, the seconds
    until it holds one again. per_minute <= 0 means no limit. Buckets that have refilled
    are forgotten once more than `max_clients` are kept, so the table stays small.
    """

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        self.capacity = float(per_minute)
        self.per_second = per_minute / 60.0
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when counted)

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str) -> float:
        if self.capacity <= 0:
            return 0.0
        now = self.clock()
        tokens, then = self._buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.per_second)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.per_second
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > self.max_clients:
            self._forget_full(now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        full = [k for k, (tokens, then) in self._buckets.items()
                if tokens + (now - then) * self.per_second >= self.capacity]
        for key in full:
            del self._buckets[key]


class WriteRateLimit:
    """429 with Retry-After for writes beyond `per_minute` per client address."""

    def __init__(self, app: ASGIApp, per_minute: float, clock: Callable[[], float] = time.monotonic):
        self.app = app
        self.buckets = TokenBuckets(per_minute, clock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in WRITE_METHODS:
            client = scope.get("client")
            wait = self.buckets.take(client[0] if client else "unknown")
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                response = error_response(
                    429, "rate_limited",
                    f"too many writes from this address; try again in {seconds} s (setting write_rate)",
                    headers={"Retry-After": str(seconds)})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


def install(app: FastAPI) -> None:
    """Add both limits to `app`, from the settings max_body_bytes and write_rate.

    The rate limit is outermost: a flood of oversized writes is also a flood of writes.
    """
    app.add_middleware(BodyLimit, max_bytes=config.get_int("max_body_bytes"))
    app.add_middleware(WriteRateLimit, per_minute=float(config.get("write_rate")))
