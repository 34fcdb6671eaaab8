"""The dashboard, served by the same process as the API.

    GET /                     the page (src/strife/web/index.html)
    GET /web/...              its own script, style sheet and icon (src/strife/web/)
    GET /web/config.json      event types and country names, from strife's own tables
    GET /vendor/<path>        a whitelisted file of an npm package installed at setup

Third-party front-end code and the country borders are never copied into the repository
nor fetched from a CDN at run time: `make web` installs the npm packages pinned in
`web/package-lock.json` into `web/node_modules`, and only the files named in `VENDOR_FILES`
are served from there (setting `web_modules` points elsewhere).

Every answer here carries a Content-Security-Policy that allows scripts, styles, images
and requests from this origin only and no inline script: the page renders everything the
API returns (article text, evidence, actor names) as text, and the policy is the second
line of defence if that ever slips.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import config
from ..record import EVENT_TYPES
from ..store import MAX_PAGE
from .errors import ApiError

log = logging.getLogger("strife.api")

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
# src/strife/api/web.py -> the checkout's web/node_modules (the package is installed editable).
DEFAULT_MODULES = Path(__file__).resolve().parents[3] / "web" / "node_modules"

# url path under /vendor/ == path under node_modules; nothing else there is served.
VENDOR_FILES = frozenset({
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css",
    "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-50m.json",
    "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui.css",
})
OWN_FILES = frozenset({"app.js", "app.css", "favicon.svg"})

CSP = "; ".join((
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
# Paths whose answers get SECURITY_HEADERS (the API's /docs loads Swagger UI with inline script).
GUARDED_PREFIXES = ("/web/", "/vendor/")

router = APIRouter(include_in_schema=False)


def modules_dir() -> Path:
    configured = config.get("web_modules")
    return Path(configured).expanduser() if configured else DEFAULT_MODULES


def missing_vendor_files(modules: Path | None = None) -> list[str]:
    """Whitelisted files that are not installed (empty when `make web` has run)."""
    root = modules or modules_dir()
    return sorted(name for name in VENDOR_FILES if not (root / name).is_file())


@router.get("/")
def index() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8",
                        headers={"cache-control": "no-cache"})


@router.get("/web/config.json")
def web_config() -> JSONResponse:
    return JSONResponse(_config(), headers={"cache-control": "no-cache"})


@router.get("/web/{name}")
def own_file(name: str) -> FileResponse:
    if name not in OWN_FILES:
        raise ApiError(404, "not_found", f"no dashboard file {name!r}")
    return FileResponse(WEB_DIR / name, headers={"cache-control": "no-cache"})


@router.get("/vendor/{path:path}")
def vendor_file(path: str) -> FileResponse:
    if path not in VENDOR_FILES:
        raise ApiError(404, "not_found", f"no front-end file {path!r} is served")
    file = modules_dir() / path
    if not file.is_file():
        raise ApiError(404, "not_found", f"{path} is not installed: run `make web` (npm ci in web/)")
    return FileResponse(file, headers={"cache-control": "public, max-age=3600"})


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    import pycountry

    names = {}
    for c in pycountry.countries:
        names[c.alpha_3] = getattr(c, "common_name", None) or c.name
    return {
        "event_types": [{"name": t, "sub_event_types": list(subs)} for t, subs in EVENT_TYPES.items()],
        "countries": names,
        "max_page": MAX_PAGE,
        "poll_seconds": float(config.get("poll_seconds")),
    }


# Every other answer (the API's JSON, the exports, /docs) is at least never sniffed into HTML.
EVERY_ANSWER_HEADERS = {"x-content-type-options": "nosniff"}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to the page, its files and their errors, and EVERY_ANSWER_HEADERS
    to everything else (pure ASGI: no buffering)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        added = SECURITY_HEADERS if path == "/" or path.startswith(GUARDED_PREFIXES) else EVERY_ANSWER_HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in added]
                headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in added.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_docs(app: FastAPI) -> None:
    """`/docs` with Swagger UI served from the installed npm package, not a CDN."""
    from fastapi.openapi.docs import get_swagger_ui_html

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title="strife API",
            swagger_js_url="/vendor/swagger-ui-dist/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui-dist/swagger-ui.css",
            swagger_favicon_url="/web/favicon.svg")


def install(app: FastAPI) -> None:
    """Serve the dashboard from `app`."""
    app.include_router(router)
    app.add_middleware(SecurityHeaders)
    missing = missing_vendor_files()
    if missing:
        log.warning("dashboard: %d front-end file(s) missing under %s (run `make web`): %s",
                    len(missing), modules_dir(), ", ".join(missing))
