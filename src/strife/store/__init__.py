"""Storage for articles and events: SQLite by default, PostgreSQL by URL, one schema.

    from strife.store import Store
    store = Store("postgresql://...")       # or Store() for $STRIFE_DB / ./strife.db
    store.add_results(pipeline.run_batch(...))
    store.events(country="AZE", since="2023-09-01")
"""
from .db import DB_ENV, DEFAULT_DB, resolve_url
from .errors import NotFoundError, StoreError
from .filters import EventFilter
from .migrations import MIGRATIONS, latest_version
from .store import (
                    MAX_PAGE,
                    AddReport,
                    EventDetail,
                    Page,
                    Report,
                    Stats,
                    Store,
                    StoredArticle,
                    content_hash,
)

__all__ = [
    "AddReport", "DB_ENV", "DEFAULT_DB", "EventDetail", "EventFilter", "MAX_PAGE", "MIGRATIONS", "NotFoundError",
    "Page", "Report", "Stats", "Store", "StoreError", "StoredArticle", "content_hash", "latest_version",
    "resolve_url",
]
