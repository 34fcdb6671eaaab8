"""Stage 1, clean: the article body with boilerplate removed.

The cascade, step by step:
1. HTML goes through trafilatura (comments off); its title and publication date (htmldate)
   fill what the article did not say.
2. The text is split into lines. The first line is the headline when it is short, has no
   sentence-final punctuation and a blank line follows it.
3. Lines that repeat the headline, share/comment boilerplate ("Leave a Reply", "Your email
   address will not be published") and bare photo credits are dropped.
4. Photo captions are content (they can report a rally on a given day in a given city):
   only their trailing credit ("Photo: Reuters") is cut.
5. Paragraphs are joined with a blank line, the boundary the sentence splitter respects.
6. The language is detected (`strife.language`) and reported; cleaning works for any
   language, only extraction refuses what is not English.

Every event's evidence offsets point into the text returned here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from . import config
from .errors import BadInputError
from .language import detect_language
from .record import Article


@dataclass(frozen=True)
class CleanArticle:
    id: str
    title: str | None
    published: str | None
    text: str
    url: str | None = None
    source: str | None = None
    language: str | None = None     # ISO 639-1 code of the text ('en', 'de'), 'und' for no words

    def to_dict(self) -> dict:
        return {"article_id": self.id, "title": self.title, "published": self.published, "text": self.text,
                "language": self.language}


_BOILERPLATE = re.compile(
    r"""^(
        leave\ a\ (reply|comment) | post\ a\ comment | add\ a\ comment | \d+\ comments? |
        your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.* |
        (share|tweet|email|print|whatsapp|facebook|twitter|linkedin|copy\ link)(\ (this|on)\b.*)? |
        share\ this\ (article|story) | click\ to\ share.* | related(\ articles|\ stories)?:? |
        read\ more:?.* | advertisement | sign\ up\ for .* newsletter.* | subscribe.* |
        (all\ rights\ reserved|copyright|©).* | accept\ (all\ )?cookies.* | we\ use\ cookies.* |
        (photo|image|picture|file\ photo)\s*(credit)?\s*:.* | \(?(afp|reuters|ap|getty\ images)(\ photo)?\)?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING_CREDIT = re.compile(
    r"\s*(\(|\b)(photo|image|picture|credit|file photo)\s*:\s*[^.()]{1,60}\)?\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\"'”’)]$")


def clean(article: Article) -> CleanArticle:
    """The clean text, title and publication date of an article (see the module docstring)."""
    title, published, body = article.title, article.published, article.text
    if article.html is not None:
        title_html, date_html, body = _from_html(article)
        title = title or title_html
        published = published or date_html
    assert body is not None
    headline, lines = _split_headline(body.replace("\r\n", "\n").replace("\r", "\n"))
    title = title or headline
    text = _strip_dateline(_join_paragraphs(_drop_boilerplate(lines, title)))
    if not text.strip():
        raise BadInputError(article.id, "no article text left after removing boilerplate")
    return CleanArticle(article.id, title, published, text, article.url, article.source, detect_language(text))


def _from_html(article: Article) -> tuple[str | None, str | None, str]:
    limit = config.get_int("max_html_bytes")
    if len(article.html) > limit:
        raise BadInputError(article.id, f"HTML page too large ({len(article.html)} characters; the limit is {limit})")
    doc = trafilatura.bare_extraction(
        article.html, include_comments=False, with_metadata=True, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        raise BadInputError(article.id, "no article body found in the HTML page")
    # trafilatura separates paragraphs by one newline: make them paragraphs.
    return doc.title, doc.date, doc.text.replace("\n", "\n\n")


def _split_headline(text: str) -> tuple[str | None, list[str]]:
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) >= 3 and _looks_like_headline(lines[0]) and not lines[1].strip():
        return lines[0].strip(), lines[1:]
    return None, lines


def _looks_like_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 150 and not _SENTENCE_END.search(line)


def _drop_boilerplate(lines: list[str], title: str | None) -> list[str]:
    kept = []
    norm_title = _norm(title) if title else None
    for line in lines:
        stripped = line.strip()
        if stripped and (_BOILERPLATE.match(stripped) or (norm_title and _norm(stripped) == norm_title)):
            continue
        if stripped and not _SENTENCE_END.search(stripped):
            stripped = _TRAILING_CREDIT.sub("", stripped)
        kept.append(stripped)
    return kept


def _join_paragraphs(lines: list[str]) -> str:
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current) if _is_wrapped(current) else "\n".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current) if _is_wrapped(current) else "\n".join(current))
    # A paragraph that lacks final punctuation (a caption) still ends a sentence.
    return "\n\n".join(paragraphs)


def _is_wrapped(lines: list[str]) -> bool:
    """True when consecutive lines are one hard-wrapped paragraph rather than separate items."""
    return all(not _SENTENCE_END.search(line) and line[-1:].isalpha() and len(line) > 50 for line in lines[:-1])


_DATELINE = re.compile(
    r"""^(?:[A-ZÀ-Ý][A-ZÀ-Ý'.-]+(?:\ [A-ZÀ-Ý][A-ZÀ-Ý'.-]+){0,3}        # KYIV, NEW YORK, VALPARAÍSO
         (?:,\ [A-Z][^\W\d_.]+\.?(?:\ (?:of|the|[A-Z][^\W\d_]+\.?)){0,4})?  # , Ukraine, Democratic Republic of Congo
         (?:,?\ (?:[A-Z][a-z]{2,8}\.?\ \d{1,2}|\d{1,2}\ [A-Z][a-z]{2,8}))?  # , Feb 11
         (?:,?\ \d{4})?
         \ ?(?:\([^)]{1,60}\)\ ?)?                           # (Agency)
         [-–—]{1,2}\ )""", re.VERBOSE)


def _strip_dateline(text: str) -> str:
    """Drop a wire dateline ("KYIV, Feb 11 (Agency) - "): its city is where the report was
    filed, not where the event happened."""
    match = _DATELINE.match(text)
    return text[match.end():] if match else text


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
