"""strife: news reports of armed conflict and unrest in, conflict event data out."""
from .record import Actor, Article, Event, Evidence, Location, Plover, Source

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Event", "Evidence", "Location", "Plover", "Source", "extract"]


def extract(text_or_html: str, published: str | None = None) -> list[Event]:
    """The events of one article (plain text or HTML); `published` anchors "on Thursday"."""
    from .pipeline import extract as _extract

    return _extract(text_or_html, published)
