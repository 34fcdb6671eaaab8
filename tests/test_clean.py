"""Golden tests for the clean stage on hand-written pages."""
from pathlib import Path

from strife.clean import clean
from strife.record import Article

SCRAPED = """Soldiers repel raid on border post

Soldiers repelled an attack on a border post near Gao on Tuesday, the army said.

Residents gather outside the hospital in Gao on Tuesday Photo: Staff photographer
Soldiers repel raid on border post

Share this article

The army said three attackers were killed.

Leave a Reply

Your email address will not be published. Required fields are marked *"""


def test_scraped_text_loses_boilerplate_and_keeps_captions():
    c = clean(Article(id="s", text=SCRAPED))
    assert c.title == "Soldiers repel raid on border post"
    assert "Residents gather outside the hospital in Gao on Tuesday" in c.text
    assert "Photo:" not in c.text
    assert "email address" not in c.text and "Leave a Reply" not in c.text
    assert "Share this" not in c.text
    assert c.text.count("Soldiers repel raid") == 0
    assert c.text.endswith("three attackers were killed.")


def test_html_page_body_title_and_date():
    html = (Path(__file__).parent.parent / "samples" / "html" / "clashes-somalia.html").read_text()
    c = clean(Article(id="h", html=html))
    assert c.published and c.published.startswith("2024-")
    assert c.title
    assert "al-Shabaab" in c.text or "Shabaab" in c.text
    assert "email address will not be published" not in c.text
    assert "Most read" not in c.text
