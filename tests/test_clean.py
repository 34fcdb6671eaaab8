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


# Team-written pages in four languages and three scripts: boilerplate removal does not
# depend on the language, only event extraction does.
FOREIGN_PAGES = {
    "de": ("Hochwasser in der Altstadt",
           "Nach tagelangem Regen ist der Fluss in der Nacht zum Dienstag über die Ufer getreten. "
           "Die Feuerwehr pumpte bis zum Morgen Keller aus, und die Stadtverwaltung sperrte zwei Brücken "
           "für den Verkehr. Die Bewohner der Altstadt wurden gebeten, ihre Autos auf höher gelegene "
           "Parkplätze zu bringen."),
    "pt": ("Greve dos motoristas de ônibus",
           "Os motoristas de ônibus da cidade cruzaram os braços nesta segunda-feira para pedir reajuste "
           "salarial. Segundo o sindicato, a paralisação deve durar até que a prefeitura apresente uma nova "
           "proposta, e milhares de passageiros procuraram outros meios de transporte para chegar ao trabalho."),
    "ru": ("Новый мост открыт для движения",
           "В субботу в городе открыли новый мост через реку. По словам строителей, работы заняли почти "
           "три года, а движение по старому мосту теперь будет закрыто на ремонт. Жители говорят, что дорога "
           "до центра стала короче на двадцать минут."),
    "ko": ("시내 도서관 새로 문 열어",
           "시내 중심가에 새 도서관이 토요일에 문을 열었다. 도서관에는 어린이 열람실과 공부방이 마련되었고, "
           "주민들은 아침 일찍부터 줄을 서서 책을 빌렸다. 시청은 내년에 두 곳을 더 열 계획이라고 밝혔다."),
}


def _page(lang: str, title: str, body: str) -> str:
    return (f"<!doctype html><html lang=\"{lang}\"><head><title>{title} | Stadtblatt</title></head><body>"
            f"<nav><a href=\"/\">Start</a> <a href=\"/login\">Login</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article>"
            f"<footer>© 2024 Example Media · Impressum · Datenschutz</footer></body></html>")


def test_clean_keeps_the_body_of_a_page_in_any_language_and_names_it():
    for lang, (title, body) in FOREIGN_PAGES.items():
        c = clean(Article(id=lang, html=_page(lang, title, body)))
        assert body[:40] in c.text, lang
        assert "Impressum" not in c.text and "Login" not in c.text, lang
        assert c.language == lang, (lang, c.language)
        assert c.to_dict()["language"] == lang


def test_extraction_refuses_a_page_that_is_not_english(pipeline):
    import pytest

    from strife.errors import BadInputError

    names = {"de": "German", "pt": "Portuguese", "ru": "Russian", "ko": "Korean"}
    for lang, (title, body) in FOREIGN_PAGES.items():
        with pytest.raises(BadInputError, match="not English") as info:
            pipeline.process(Article(id=lang, html=_page(lang, title, body)))
        assert names[lang] in info.value.reason, info.value.reason


def test_strife_clean_cli_prints_body_and_language(tmp_path, capsys):
    import json

    from strife.cli import main

    folder = tmp_path / "pages"
    folder.mkdir()
    for lang, (title, body) in FOREIGN_PAGES.items():
        (folder / f"{lang}.html").write_text(_page(lang, title, body), encoding="utf-8")
    assert main(["clean", str(folder)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r["language"] for r in records) == sorted(FOREIGN_PAGES)
    assert all(r["text"] for r in records) and len(records) == len(FOREIGN_PAGES)
