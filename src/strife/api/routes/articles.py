"""GET /api/articles/{id} and POST /api/articles (needs the bearer token)."""
from __future__ import annotations

import json
import logging
from threading import Lock
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from ...articles import article_from_json
from ...errors import ArticleError, BadInputError, UsageError, writable
from ...store import AddReport, Store
from ..deps import get_store, require_token
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/articles", tags=["articles"], responses=ERROR_RESPONSES)

log = logging.getLogger("strife.api")
MAX_ARTICLES = 1000
_PIPELINE_LOCK = Lock()

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {
            "schema": {"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]},
            "example": {"id": "a1", "text": "Police arrested 12 protesters in Lima on Monday.",
                        "published": "2024-03-07", "title": "Arrests in Lima", "url": "https://example.org/a1",
                        "source": "Example News"},
        }},
        "description": "one article or a list of them, as in SCHEMA.md (id, text or html, published, ...)",
    },
}


@router.get("/{article_id}", summary="One stored article: clean text, metadata and its events")
def get_article(article_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    a = store.article(article_id)
    return {
        "id": a.id, "title": a.title, "url": a.url, "source": a.source, "published": a.published,
        "ingested_at": a.ingested_at, "content_hash": a.content_hash, "duplicate_of": a.duplicate_of,
        "text": a.text, "events": [e.to_dict() for e in a.events],
    }


@router.post("", summary="Run the pipeline on articles and store their events",
             dependencies=[Depends(require_token)], openapi_extra=_BODY_DOC)
async def post_articles(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    # The body is read here, after the token check, so that no unauthenticated request
    # learns anything from how its body was judged.
    payload = await _json_body(request)
    items = _articles(payload)
    pipeline = request.app.state.pipeline
    report = await run_in_threadpool(_ingest, pipeline, store, items)
    for error in report.skipped:
        if isinstance(error, ArticleError):
            log.error("article %s skipped at stage %s: %s\n%s", error.item, error.stage, error.reason, error.detail)
    if isinstance(payload, dict) and report.skipped:
        raise report.skipped[0]   # one article sent: its error is the answer (422 or 500)
    return report_record(report)


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"body: not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise UsageError("body: not valid JSON (nested too deeply to read)") from exc


def _articles(payload: Any) -> list:
    """Articles or BadInputErrors; a single bad article is the request's error."""
    if isinstance(payload, dict):
        return [article_from_json(payload, "body")]
    if not isinstance(payload, list) or not payload:
        raise UsageError("body: send one article object or a non-empty list of them")
    if len(payload) > MAX_ARTICLES:
        raise UsageError(f"body: at most {MAX_ARTICLES} articles per request")
    items: list = []
    seen: set[str] = set()
    for i, obj in enumerate(payload):
        try:
            article = article_from_json(obj, f"body[{i}]")
        except BadInputError as exc:
            items.append(exc)
            continue
        if article.id in seen:
            items.append(BadInputError(f"body[{i}]", f"duplicate id {article.id!r} in this request"))
            continue
        seen.add(article.id)
        items.append(article)
    return items


def _ingest(pipeline_holder, store: Store, items: list) -> AddReport:
    with _PIPELINE_LOCK:
        pipeline = pipeline_holder.get()
        results = list(pipeline.run_batch(items))
    errors = [r for r in results if isinstance(r, BadInputError)]
    report = store.add_results([r for r in results if not isinstance(r, BadInputError)])
    report.skipped = errors + report.skipped
    return report


def report_record(report: AddReport) -> dict[str, Any]:
    return {
        "stored": report.stored, "already_stored": report.already_stored,
        "near_duplicates": report.near_duplicates,
        "skipped": [skipped_record(e) for e in report.skipped],
        "new_events": report.new_events, "merged_events": report.merged_events,
    }


def skipped_record(error: BadInputError) -> dict[str, Any]:
    """A skipped article with the answer it would have had alone: 422 for input that cannot
    be read, 500 for a fault in a stage (its traceback is logged, not sent)."""
    if isinstance(error, ArticleError):
        return {"item": writable(error.item), "reason": writable(error.reason), "status": 500, "code": "internal_error",
                "stage": error.stage}
    return {"item": writable(error.item), "reason": writable(error.reason), "status": 422, "code": "invalid_article"}
