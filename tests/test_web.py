"""The dashboard at /, in a real browser: headless Chromium from Debian driven by Playwright.

`strife serve` runs in a subprocess on 127.0.0.1 over a temporary SQLite store seeded with
hand-written articles (one carries <script> and <img onerror> in its text, its title, its
evidence and an actor's name). Every request the page makes is recorded: none may leave
127.0.0.1, and none that tries is let through. Screenshots go to artifacts/.

The browser is /usr/bin/chromium (`bash .ci/chromium.sh` installs it); Playwright never
downloads one. Without it the browser tests are skipped, except on CI ($CI set), where they
fail: a dashboard test that silently did nothing would prove nothing. The first tests need
no browser: they pin the security headers and the vendor whitelist.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from strife.clean import CleanArticle
from strife.pipeline import ArticleResult
from strife.record import Actor, Event, Evidence, Location, Plover, Source
from strife.store import Store

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
CHROMIUM = os.environ.get("STRIFE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 20_000

COUNTRY_NAMES = {"AZE": "Azerbaijan", "MLI": "Mali", "SOM": "Somalia", "CHL": "Chile", "UKR": "Ukraine",
                 "SDN": "Sudan", "KEN": "Kenya"}
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'


# --- the seeded store ---------------------------------------------------------------------------

def _article(aid: str, text: str, *, title: str, source: str, published: str = "2023-09-21") -> CleanArticle:
    return CleanArticle(aid, title, published, text, f"https://news.example/{aid}", source)


def _event(art: CleanArticle, sentence: str, *, event_type: str, sub: str, day: str, place: str, iso3: str,
           lat: float, lon: float, actor1: str, actor2: str | None = None, fatalities: int = 0,
           arrested: int | None = None, n: int = 0) -> Event:
    """An event read from `sentence` of `art` (offsets in code points, as Python counts them)."""
    start = art.text.index(sentence)
    return Event(
        event_id=f"ev-{art.id}-{n}", article_id=art.id, event_type=event_type, sub_event_type=sub,
        evidence=Evidence(sentence, start, start + len(sentence)), plover=Plover("ASSAULT", None), date=day,
        time_precision=1, actor1=Actor(actor1, "State forces", iso3),
        actor2=Actor(actor2, "Rebel groups", None) if actor2 else None,
        location=Location(place, country=COUNTRY_NAMES[iso3], iso3=iso3, latitude=lat, longitude=lon),
        fatalities=fatalities, fatalities_low=fatalities, fatalities_high=fatalities, arrested=arrested,
        claimed_by="officials" if fatalities else None, confidence=0.8,
        sources=[Source(art.id, art.url, art.source, art.published)],
    )


KARABAKH_EVIDENCE = "Azerbaijani forces shelled Stepanakert on Wednesday, killing at least 27 people."
XSS_EVIDENCE = f"Rioters in Nairobi wrote {XSS_IMG} on a wall and shouted {XSS_SCRIPT} at police on Friday."


def seed_results() -> list[ArticleResult]:
    # A character outside the Basic Multilingual Plane before the evidence: JavaScript counts it
    # as two, Python as one; the highlight must still land on the right words.
    kara = _article("kara-1", "\U0001F534 LIVE: Nagorno-Karabakh. Residents hid in basements overnight. "
                    f"{KARABAKH_EVIDENCE} Officials said the toll could rise. Talks were due in Yevlakh.",
                    title="Shelling in Stepanakert", source="Wire One")
    kara2 = _article("kara-2", "Separatist officials gave a first toll on Thursday. "
                     f"{KARABAKH_EVIDENCE.replace('at least 27', '27')} Ambulances could not reach the town.",
                     title="Toll rises in Karabakh", source="Wire Two", published="2023-09-21")
    baku = _article("baku-1", "Hundreds rallied outside parliament in Baku on Tuesday. Police watched.",
                    title="Rally in Baku", source="Wire One")
    mali = _article("mali-1", "Gunmen attacked a village near Mopti on Monday, killing 12 civilians. "
                    "The army sent reinforcements.", title="Attack near Mopti", source="Sahel Daily")
    som = _article("som-1", "A roadside bomb exploded in Mogadishu on Tuesday, killing five soldiers.",
                   title="Blast in Mogadishu", source="Horn Wire")
    chile = _article("chl-1", "Police arrested 40 students during a march in Santiago on Thursday.",
                     title="Arrests in Santiago", source="Andes News")
    ukr = _article("ukr-1", "Missiles struck Kharkiv on Sunday, killing three people.",
                   title="Strike on Kharkiv", source="East Wire")
    sdn = _article("sdn-1", "Fighting between the army and the RSF in Omdurman killed 40 on Saturday.",
                   title="Fighting in Omdurman", source="Nile Post")
    xss = _article("xss-1", f"{XSS_SCRIPT} Unrest in Kenya. {XSS_EVIDENCE} Shops were closed.",
                   title=f"Riot {XSS_IMG}", source=f"Evil {XSS_SCRIPT} Times")
    return [
        ArticleResult(kara, [_event(kara, KARABAKH_EVIDENCE, event_type="Explosions/Remote violence",
                                    sub="Shelling/artillery/missile attack", day="2023-09-20", place="Stepanakert",
                                    iso3="AZE", lat=39.8177, lon=46.7528, actor1="Military Forces of Azerbaijan",
                                    fatalities=27)]),
        ArticleResult(kara2, [_event(kara2, KARABAKH_EVIDENCE.replace("at least 27", "27"),
                                     event_type="Explosions/Remote violence", sub="Shelling/artillery/missile attack",
                                     day="2023-09-20", place="Stepanakert", iso3="AZE", lat=39.8177, lon=46.7528,
                                     actor1="Military Forces of Azerbaijan", fatalities=27)]),
        ArticleResult(baku, [_event(baku, "Hundreds rallied outside parliament in Baku on Tuesday.",
                                    event_type="Protests", sub="Peaceful protest", day="2023-09-19", place="Baku",
                                    iso3="AZE", lat=40.3777, lon=49.892, actor1="Protesters (Azerbaijan)")]),
        ArticleResult(mali, [_event(mali, "Gunmen attacked a village near Mopti on Monday, killing 12 civilians.",
                                    event_type="Violence against civilians", sub="Attack", day="2023-09-18",
                                    place="Mopti", iso3="MLI", lat=14.4843, lon=-4.1830, actor1="Unidentified Armed Group",
                                    fatalities=12)]),
        ArticleResult(som, [_event(som, "A roadside bomb exploded in Mogadishu on Tuesday, killing five soldiers.",
                                   event_type="Explosions/Remote violence", sub="Remote explosive/landmine/IED",
                                   day="2023-09-19", place="Mogadishu", iso3="SOM", lat=2.0371, lon=45.3438,
                                   actor1="Al Shabaab", fatalities=5)]),
        ArticleResult(chile, [_event(chile, "Police arrested 40 students during a march in Santiago on Thursday.",
                                     event_type="Strategic developments", sub="Arrests", day="2023-09-21",
                                     place="Santiago", iso3="CHL", lat=-33.4569, lon=-70.6483,
                                     actor1="Police Forces of Chile", arrested=40)]),
        ArticleResult(ukr, [_event(ukr, "Missiles struck Kharkiv on Sunday, killing three people.",
                                   event_type="Explosions/Remote violence", sub="Shelling/artillery/missile attack",
                                   day="2023-09-17", place="Kharkiv", iso3="UKR", lat=49.9808, lon=36.2527,
                                   actor1="Military Forces of Russia", fatalities=3)]),
        ArticleResult(sdn, [_event(sdn, "Fighting between the army and the RSF in Omdurman killed 40 on Saturday.",
                                   event_type="Battles", sub="Armed clash", day="2023-09-16", place="Omdurman",
                                   iso3="SDN", lat=15.6445, lon=32.4777, actor1="Military Forces of Sudan",
                                   actor2="Rapid Support Forces", fatalities=40)]),
        ArticleResult(xss, [_event(xss, XSS_EVIDENCE, event_type="Riots", sub="Violent demonstration",
                                   day="2023-09-15", place=f"Nairobi {XSS_IMG}", iso3="KEN", lat=-1.2833,
                                   lon=36.8167, actor1=f"Rioters {XSS_SCRIPT}")]),
    ]


# Two Stepanakert reports merge into one event: 8 events, all with coordinates.
N_EVENTS = 8
N_AZE = 2


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "strife.db"
    with Store(str(db)) as store:
        report = store.add_results(seed_results())
        assert report.merged_events == 1 and store.count() == N_EVENTS
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _strife_command() -> list[str]:
    script = Path(sys.executable).parent / "strife"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from strife.cli import main; sys.exit(main())"]


@contextmanager
def _serving(db: Path, log_path: Path, **settings: str):
    """`strife serve` on 127.0.0.1 and a free port with these STRIFE_ settings; its base URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "STRIFE_API_TOKEN"}
    env.update({f"STRIFE_{k.upper()}": v for k, v in settings.items()})
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(_strife_command() + ["serve", "--db", str(db), "--host", "127.0.0.1",
                                                     "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                env=env, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"strife serve exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"strife serve did not answer within 60 s:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(seeded_db, tmp_path_factory):
    with _serving(seeded_db, tmp_path_factory.mktemp("serve") / "serve.log") as base:
        yield base


# --- no browser needed ----------------------------------------------------------------------------

def test_the_page_forbids_inline_script_and_other_origins(server):
    response = httpx.get(server + "/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "img-src", "connect-src"):
        assert directives[name] == "'self'", name
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    body = response.text
    # the page itself obeys the policy: scripts only by src, no handler or style attributes
    assert re.findall(r"<script\b[^>]*>", body) == [m for m in re.findall(r"<script\b[^>]*>", body) if "src=" in m]
    assert not re.search(r"\son[a-z]+\s*=", body) and "style=" not in body and "<style" not in body
    # the API itself keeps working without the page's headers
    assert "content-security-policy" not in httpx.get(server + "/api/stats").headers


def test_only_whitelisted_vendor_files_are_served(server):
    assert httpx.get(server + "/vendor/leaflet/package.json").status_code == 404
    assert httpx.get(server + "/vendor/../pyproject.toml").status_code == 404
    assert httpx.get(server + "/web/index.html").status_code == 404
    missing = httpx.get(server + "/vendor/nothing/here.js")
    assert missing.json()["error"]["code"] == "not_found"
    assert "content-security-policy" in missing.headers


def test_vendor_files_come_from_the_configured_folder(tmp_path, monkeypatch):
    from strife.api import create_app, web

    with warnings.catch_warnings():
        # Starlette now prefers httpx2 for its TestClient; httpx (pinned) still works.
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient

    (tmp_path / "leaflet" / "dist").mkdir(parents=True)
    (tmp_path / "leaflet" / "dist" / "leaflet.js").write_text("/* leaflet */")
    monkeypatch.setenv("STRIFE_WEB_MODULES", str(tmp_path))
    assert "leaflet/dist/leaflet.js" not in web.missing_vendor_files()
    with Store(str(tmp_path / "s.db")) as store:
        client = TestClient(create_app(store, token=""))
        assert client.get("/vendor/leaflet/dist/leaflet.js").text == "/* leaflet */"
        not_installed = client.get("/vendor/leaflet/dist/leaflet.css")
        assert not_installed.status_code == 404 and "make web" in not_installed.json()["error"]["message"]
        config = client.get("/web/config.json").json()
        assert [t["name"] for t in config["event_types"]][0] == "Battles" and config["countries"]["AZE"] == "Azerbaijan"


def test_the_vendor_packages_are_installed_when_ci_runs():
    from strife.api import web

    missing = web.missing_vendor_files()
    if missing and not os.environ.get("CI"):
        pytest.skip(f"run `make web` to install the dashboard's npm packages ({len(missing)} files missing)")
    assert not missing, "the dashboard's npm packages are not installed: `make web` (npm ci in web/)"


def test_stats_give_the_timeline_per_day_and_type(server):
    body = httpx.get(server + "/api/stats").json()
    rows = body["by_day_and_type"]
    assert sum(r["events"] for r in rows) == N_EVENTS
    assert {"date": "2023-09-20", "event_type": "Explosions/Remote violence", "events": 1, "fatalities": 27} in rows
    aze = httpx.get(server + "/api/stats", params={"country": "AZE"}).json()["by_day_and_type"]
    assert sum(r["events"] for r in aze) == N_AZE


# --- in the browser --------------------------------------------------------------------------------

def _need_browser():
    reason = None
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        reason = f"{CHROMIUM} is missing (bash .ci/chromium.sh installs Debian's chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (make test installs requirements.lock)"
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


class Watched:
    """A page whose console errors, page errors and request URLs are all recorded."""

    def __init__(self, browser, base: str, **context_args):
        self.base = base
        self.context = browser.new_context(**context_args)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if _is_local(url):
            route.continue_()
        else:
            route.abort()

    def open(self, query: str = ""):
        self.page.goto(self.base + "/" + query)
        self.wait_idle()
        return self.page

    def wait_idle(self):
        """Until every fetch of the last refresh has been drawn."""
        self.page.wait_for_function(
            "() => { const s = document.getElementById('status');"
            " return s && s.textContent && !s.textContent.startsWith('Loading'); }")
        self.page.wait_for_selector("#map-note[data-count]", state="attached")
        self.page.wait_for_load_state("networkidle")

    def marker_count(self) -> int:
        """Events drawn on the map: single markers plus the events inside each cluster."""
        return self.page.evaluate(
            "() => document.querySelectorAll('path.ev-marker').length + "
            "[...document.querySelectorAll('.ev-cluster-inner')].reduce((n, el) => n + Number(el.dataset.count), 0)")

    def check_clean(self):
        assert not self.errors, self.errors
        strays = [u for u in self.requests if not _is_local(u)]
        assert not strays, f"requests that left 127.0.0.1: {strays}"
        assert self.requests, "no request was recorded"

    def close(self):
        self.context.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


@pytest.fixture
def watched(browser, server):
    w = Watched(browser, server, viewport={"width": 1280, "height": 900})
    yield w
    w.close()


def _query(page) -> dict[str, list[str]]:
    """The page's query string as the page sees it (history.replaceState included)."""
    return parse_qs(urlsplit(page.evaluate("() => location.href")).query)


def _shot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_page_loads_markers_with_no_errors_and_no_outside_requests(watched):
    page = watched.open()
    page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_EVENTS}'")
    page.wait_for_function(f"() => document.querySelectorAll('path.ev-marker').length + "
                           "[...document.querySelectorAll('.ev-cluster-inner')]"
                           f".reduce((n, el) => n + Number(el.dataset.count), 0) === {N_EVENTS}")
    assert watched.marker_count() == N_EVENTS
    # the basemap is drawn (borders on a canvas) from the installed world-atlas package
    assert any(u.endswith("/vendor/world-atlas/countries-50m.json") for u in watched.requests)
    assert page.locator("#map canvas").count() >= 1
    assert page.locator("#events-body tr").count() == N_EVENTS
    assert page.locator("#timeline svg rect.tl-bar").count() >= 1
    assert page.locator("#legend button").count() == 6
    watched.wait_idle()
    _shot(page, "dashboard-desktop.png")
    watched.check_clean()
    # everything the page fetched was bounded: pages of events with a limit, stats, its own files
    for url in watched.requests:
        path = urlsplit(url).path
        if path == "/api/events":
            assert 1 <= int(parse_qs(urlsplit(url).query)["limit"][0]) <= 1000


def test_a_filter_changes_the_markers_table_and_url(watched):
    page = watched.open()
    page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_EVENTS}'")
    page.select_option("#f-country", "AZE")
    page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_AZE}'")
    watched.wait_idle()
    assert _query(page)["country"] == ["AZE"]
    assert watched.marker_count() == N_AZE
    assert page.locator("#events-body tr").count() == N_AZE
    # a shared link opens the same view
    shared = page.evaluate("() => location.href")
    page.goto(shared)
    watched.wait_idle()
    assert page.input_value("#f-country") == "AZE"
    page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_AZE}'")
    # typed filters too, and the legend sets the event type
    page.fill("#f-actor", "military")
    page.wait_for_function("() => new URL(location.href).searchParams.get('actor') === 'military'")
    watched.wait_idle()
    page.wait_for_function("() => document.querySelectorAll('#events-body tr').length === 1")
    page.click("#f-clear")
    page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_EVENTS}'")
    page.click("#legend button:has-text('Battles')")
    page.wait_for_function("() => document.getElementById('map-note').dataset.count === '1'")
    assert _query(page)["event_type"] == ["Battles"]
    # the browser's back button restores the view before
    page.go_back()
    page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_EVENTS}'")
    assert page.input_value("#f-event_type") == "" and "event_type" not in _query(page)
    watched.check_clean()


def test_clicking_an_event_shows_its_record_sources_and_highlighted_evidence(watched):
    page = watched.open("?country=AZE")
    page.click("#events-body tr:has-text('Stepanakert')")
    mark = page.locator("#detail mark.evidence-mark")
    mark.wait_for()
    # the first source's own sentence, though a code point outside the BMP comes before it
    assert mark.text_content() == KARABAKH_EVIDENCE
    assert page.locator("#detail .sources li").count() == 2
    assert "Wire One" in page.locator("#detail .sources").text_content()
    assert "Military Forces of Azerbaijan" in page.locator("#detail dl").text_content()
    assert _query(page)["event"] == ["ev-kara-1-0"]
    # the other source's article, with its own evidence
    page.click("#detail .sources li:nth-child(2) button")
    page.wait_for_function("() => document.querySelector('#detail .article h3')?.textContent === 'Toll rises in Karabakh'")
    assert mark.text_content() == KARABAKH_EVIDENCE.replace("at least 27", "27")
    _shot(page, "dashboard-event.png")
    watched.check_clean()


def test_clicking_a_marker_on_the_map_opens_the_event(watched):
    page = watched.open("?map=10/14.4843/-4.1830")
    marker = page.locator("path.ev-marker")
    page.wait_for_function("() => document.querySelectorAll('path.ev-marker').length === 1")
    marker.first.click(force=True)
    page.locator("#detail mark.evidence-mark").wait_for()
    assert "Mopti" in page.locator("#detail mark.evidence-mark").text_content()
    watched.check_clean()


def test_an_article_with_markup_runs_nothing_and_shows_the_characters(watched):
    page = watched.open("?event=ev-xss-1-0")
    mark = page.locator("#detail mark.evidence-mark")
    mark.wait_for()
    watched.wait_idle()
    assert page.evaluate("() => window.__xss") is None
    assert mark.text_content() == XSS_EVIDENCE
    article = page.locator("#detail .article-text").text_content()
    assert XSS_SCRIPT in article and XSS_IMG in article
    assert page.locator("#detail img, #detail script, #events-body img, #events-body script").count() == 0
    assert page.locator("#detail .article h3").text_content() == f"Riot {XSS_IMG}"
    assert f"Rioters {XSS_SCRIPT}" in page.locator("#events-body").text_content()
    assert f"Evil {XSS_SCRIPT} Times" in page.locator("#detail .sources").text_content()
    # hovering its marker shows the tooltip as text too
    page.goto(watched.base + "/?map=10/-1.2833/36.8167&event=ev-xss-1-0")
    watched.wait_idle()
    page.locator("path.ev-marker").first.hover(force=True)
    tip = page.locator(".leaflet-tooltip")
    tip.wait_for()
    assert f"Nairobi {XSS_IMG}" in tip.text_content()
    assert page.evaluate("() => window.__xss") is None
    watched.check_clean()


def test_a_phone_width_screen_renders_in_one_column(browser, server):
    phone = Watched(browser, server, viewport={"width": 390, "height": 844}, device_scale_factor=2,
                    is_mobile=True, has_touch=True)
    try:
        page = phone.open()
        page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_EVENTS}'")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        map_box = page.locator("#map").bounding_box()
        detail_box = page.locator("#detail").bounding_box()
        assert map_box["width"] >= 340 and detail_box["y"] > map_box["y"] + map_box["height"] - 1
        page.locator("#events-body tr").first.tap()
        page.locator("#detail mark.evidence-mark").wait_for()
        phone.wait_idle()
        page.evaluate("() => window.scrollTo(0, 0)")
        _shot(page, "dashboard-phone.png")
        phone.check_clean()
    finally:
        phone.close()


def test_api_docs_load_nothing_from_outside():
    """/docs is Swagger UI from the installed npm package: no CDN address in the page."""
    import tempfile

    from fastapi.testclient import TestClient

    from strife.api import create_app
    from strife.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store(str(Path(folder) / "docs.db"))
        try:
            client = TestClient(create_app(store, token=""))
            page = client.get("/docs")
            assert page.status_code == 200
            assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in page.text
            assert "cdn" not in page.text.lower() and "https://" not in page.text
            assert client.get("/vendor/swagger-ui-dist/swagger-ui.css").status_code == 200
        finally:
            store.close()


def test_newest_events_appear_as_they_arrive(browser, seeded_db, tmp_path):
    """Events stored while the page is open (as `strife watch` stores them) show up by polling."""
    db = tmp_path / "live.db"
    shutil.copy(seeded_db, db)
    with _serving(db, tmp_path / "serve.log", poll_seconds="1") as base:
        w = Watched(browser, base, viewport={"width": 1280, "height": 900})
        try:
            page = w.open()
            page.wait_for_function(f"() => document.querySelectorAll('#newest li').length === {N_EVENTS}")
            assert page.locator("#newest li.fresh").count() == 0
            art = _article("live-1", "Soldiers and militants clashed near Kismayo on Friday, killing six fighters.",
                           title="Clashes near Kismayo", source="Horn Wire", published="2023-09-23")
            event = _event(art, art.text, event_type="Battles", sub="Armed clash", day="2023-09-22",
                           place="Kismayo", iso3="SOM", lat=-0.3582, lon=42.5454, actor1="Military Forces of Somalia",
                           actor2="Al Shabaab", fatalities=6)
            with Store(str(db)) as store:
                assert store.add_results([ArticleResult(art, [event])]).new_events == 1
            page.wait_for_function("() => document.querySelector('#newest li.fresh') !== null")
            assert "Kismayo" in page.locator("#newest li.fresh").first.inner_text()
            page.wait_for_function(f"() => document.getElementById('map-note').dataset.count === '{N_EVENTS + 1}'")
            page.locator("#newest li.fresh button").first.click()
            page.wait_for_function("() => document.getElementById('detail').textContent.includes('Al Shabaab')")
            w.check_clean()
        finally:
            w.close()
