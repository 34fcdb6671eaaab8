"""The HTTP API: FastAPI, one router per resource, one JSON error shape (api/errors.py).

    strife serve --db strife.db              # dashboard at http://127.0.0.1:8000/, API docs at /docs

`create_app` takes the store and, for writes, the token (default: $STRIFE_API_TOKEN) and a
way to get a pipeline (default: strife's own, loaded on the first POST).
"""
from __future__ import annotations

from threading import Lock
from typing import Callable

from fastapi import FastAPI

from .. import __version__, config
from ..store import Store
from . import errors, limits, web
from .routes import articles, changes, events, exports, health, stats

TOKEN_ENV = "STRIFE_API_TOKEN"


class LazyPipeline:
    """The pipeline, loaded once on first use (it takes seconds; reads never need it)."""

    def __init__(self, factory: Callable[[], object]):
        self._factory = factory
        self._pipeline = None
        self._lock = Lock()

    def get(self):
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline


def _default_pipeline():
    from ..pipeline import default_pipeline

    return default_pipeline()


def create_app(store: Store, token: str | None = None, pipeline_factory: Callable[[], object] | None = None) -> FastAPI:
    app = FastAPI(
        docs_url=None,  # served by web.install_docs from the npm package, never from a CDN
        redoc_url=None,
        title="strife",
        version=__version__,
        description="Conflict events read from news reports (ACLED-style records, SCHEMA.md). "
                    "Every error answers {\"error\": {\"status\", \"code\", \"message\"}}.",
    )
    app.state.store = store
    app.state.token = token if token is not None else config.get("api_token")
    app.state.pipeline = LazyPipeline(pipeline_factory or _default_pipeline)
    errors.install(app)
    limits.install(app)  # body size and write rate (settings max_body_bytes, write_rate)
    for module in (events, changes, articles, stats, exports, health):
        app.include_router(module.router)
    web.install(app)  # the dashboard at /
    web.install_docs(app)  # /docs, offline
    return app
