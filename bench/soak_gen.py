"""Generated bad input for bench/soak.py: items that strife must refuse with a reason, or read.

Every generator takes a seeded RNG and a number `i` (so that no two items are the same
content: an item that is a copy of another would be "already stored", not reported) and
returns bytes or text. The mix tables below say how often each kind appears; the rare,
costly kinds (megabyte bodies, bombs) are rare on purpose so that 10,000 items fit in the
soak's time. Nothing here is read from the network or copied from anywhere: the hostile
shapes are the classic ones (random bytes, wrong encodings, truncation, deep nesting,
entity expansion, external entities, compression bombs, wrong JSON types).
"""
from __future__ import annotations

import gzip
import io
import json
import random
from typing import Callable

WORDS = ("the of and council market police road river week report officials said rain school bridge "
         "festival museum harvest prices weather train station concert league minister budget").split()
ENCODINGS = ["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "shift_jis", "gb18030", "koi8-r", "cp437"]
SCRIPTS = {"shift_jis": "東京で会議が開かれた。", "gb18030": "市场价格本周上涨。", "koi8-r": "Совет собрался в среду.",
           "cp437": "Café ÄÖÜ ½ ¼ ░▒▓", "latin-1": "Le conseil s'est réuni à Montréal, où il a neigé.",
           "cp1252": "“Smart quotes” — and €uros in the café", "utf-16": "A plain note.",
           "utf-16-le": "A plain note.", "utf-32": "A plain note."}


def filler(rng: random.Random, i: int, words: int = 40) -> str:
    """Harmless non-conflict prose with the item's number in it (so every item is unique)."""
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return f"Item {i}: {body.capitalize()}."


def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes, gzip-compressed (about a thousandth of the size)."""
    out = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as z:
        for _ in range(size // len(chunk)):
            z.write(chunk)
    return out.getvalue()


# --- text files ---------------------------------------------------------------------------------

def text_random_bytes(rng, i):
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3000)))


def text_high_bytes(rng, i):  # no NUL, mostly not UTF-8
    return bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(1, 2000))) + str(i).encode()


def text_other_encoding(rng, i):
    enc = rng.choice(ENCODINGS)
    return f"{SCRIPTS[enc]} {i} {filler(rng, i, 10)}".encode(enc, errors="replace")


def text_spliced(rng, i):  # valid UTF-8 with invalid bytes spliced in
    raw = bytearray(filler(rng, i).encode())
    for _ in range(rng.randint(1, 5)):
        raw.insert(rng.randrange(len(raw)), rng.choice([0xC3, 0xFF, 0xFE, 0xED, 0x80]))
    return bytes(raw)


def text_random_unicode(rng, i):
    chars = [chr(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0xA0, 0x2FFF), rng.randint(0x3000, 0xD7FF),
                             rng.randint(0xE000, 0xFFFD), rng.randint(0x10000, 0x10FFFF)])) for _ in range(rng.randint(1, 800))]
    return (f"{i} " + "".join(chars)).encode("utf-8", errors="replace")


def text_blank(rng, i):
    return rng.choice([b"", b" " * rng.randint(1, 50), b"\n\t\r " * rng.randint(1, 20), b"\xef\xbb\xbf",
                       "\u00a0\u2003\u3000".encode() * rng.randint(1, 9)])


def text_controls(rng, i):
    return (f"{i}" + "".join(chr(rng.randint(1, 31)) for _ in range(rng.randint(1, 500)))).encode()


def text_long_line(rng, i):  # one 200 KB line of prose, no sentence ends
    return (f"{i} " + " ".join(rng.choice(WORDS) for _ in range(35_000))).encode()


def text_too_large(rng, i):  # just over the 50 MB file limit
    return f"{i} ".encode() + b"a " * (25 * 1024 * 1024 + 1)


TEXT_MIX: list[tuple[Callable, float]] = [
    (text_random_bytes, 0.25), (text_high_bytes, 0.15), (text_other_encoding, 0.2), (text_spliced, 0.15),
    (text_random_unicode, 0.1), (text_blank, 0.08), (text_controls, 0.0685), (text_long_line, 0.0012),
    (text_too_large, 0.0003)]


# --- JSONL lines ----------------------------------------------------------------------------------

ODD_VALUES = [None, True, False, 0, -1, 3.5, float("inf"), [], [1, "a"], {}, {"a": {"b": []}}, "", " ", "\u0000",
              "2023-02-30", "yesterday", "x" * 300, "\ud800"]
FIELDS = ["id", "text", "html", "published", "title", "url", "source"]


def jsonl_not_json(rng, i):
    return rng.choice([f"{{'id': {i}}}", f"{{\"id\": \"b{i}\", \"text\": ", f"not json {i}", f"[{i},", f"\"{i}",
                       f"{{\"id\": \"b{i}\" \"text\": \"x\"}}", f"NaN {i}", f"{{\"id\": \"b{i}\"}} trailing"])


def jsonl_scalar(rng, i):
    return json.dumps(rng.choice([i, f"b{i}", [i], [None, i], True, None, 1.5 + i]))


def jsonl_wrong_types(rng, i):
    obj = {"id": f"b{i}", "text": filler(rng, i)}
    for key in rng.sample(FIELDS, rng.randint(1, 3)):
        value = rng.choice(ODD_VALUES)
        obj[key] = f"{value} {i}" if isinstance(value, str) and value.strip() else value   # unique content
    return json.dumps(obj)


def jsonl_missing(rng, i):
    obj = rng.choice([{"text": filler(rng, i)}, {"id": f"b{i}"}, {"id": f"b{i}", "text": filler(rng, i), "html": "<p>x</p>"},
                      {"ID": f"b{i}", "TEXT": filler(rng, i)}, {"id": f"b{i}", "text": None}])
    return json.dumps(obj)


def jsonl_deep(rng, i):  # nesting far past any parser's recursion limit
    depth = rng.choice([1000, 10_000, 100_000])
    return "[" * depth + str(i) + "]" * depth if rng.random() < 0.5 else '{"a":' * depth + str(i) + "}" * depth


def jsonl_huge_field(rng, i):  # a 2 MB title, url or source
    key = rng.choice(["title", "url", "source"])
    return json.dumps({"id": f"b{i}", "text": filler(rng, i), key: "x" * 2_000_000})


def jsonl_escapes(rng, i):  # lone surrogates, NUL and controls in otherwise valid lines
    return '{"id": "b%d", "text": "%d %s"}' % (i, i, rng.choice(["\\ud800\\udfff\\ud800 x", "\\u0000\\u0000", "\\u001b[31m" * 40,
                                                         "\\udc80 caf\\u00e9"]))


def jsonl_bad_bytes(rng, i):
    return b'{"id": "b%d", "text": "caf\xe9 \xff\xfe"}' % i


JSONL_MIX: list[tuple[Callable, float]] = [
    (jsonl_not_json, 0.2), (jsonl_scalar, 0.1), (jsonl_wrong_types, 0.35), (jsonl_missing, 0.15),
    (jsonl_escapes, 0.1), (jsonl_bad_bytes, 0.0875), (jsonl_deep, 0.012), (jsonl_huge_field, 0.0005)]


# --- HTML pages -------------------------------------------------------------------------------

TAGS = ["div", "span", "p", "table", "tr", "td", "ul", "li", "b", "i", "a", "section", "article", "font", "center"]


def html_deep(rng, i):
    depth = rng.choice([5000, 50_000, 200_000])
    tag = rng.choice(TAGS)
    return ("<html><body>" + f"<{tag}>" * depth + f"<p>{filler(rng, i)}</p>"
            + f"</{tag}>" * rng.choice([0, depth]) + "</body></html>")


def html_truncated(rng, i):
    page = f"<html><head><title>Item {i}</title></head><body>" + "".join(
        f"<p>{filler(rng, i * 10 + k)}</p>" for k in range(8)) + "</body></html>"
    return page[:rng.randint(1, len(page) - 1)]


def html_soup(rng, i):
    parts = []
    for _ in range(rng.randint(1, 300)):
        tag = rng.choice(TAGS)
        parts.append(rng.choice([f"<{tag}>", f"</{tag}>", f"<{tag} class='{rng.random()}'", "<<", ">>", "<!--",
                                 "-->", "<![CDATA[", "]]>", "&", "&#", "&#x110000;", "&bogus;", "<?php ?>",
                                 rng.choice(WORDS)]))
    return f"{i}" + "".join(parts)


def html_no_body(rng, i):
    return rng.choice([f"<html><head><script>var x={i};</script><style>p{{}}</style></head></html>",
                       f"<!-- {filler(rng, i)} -->", f"<html><body><script>{filler(rng, i)}</script></body></html>",
                       f"<svg xmlns='http://www.w3.org/2000/svg'><text>{i}</text></svg>", f"<html>{i}</html>"])


def html_entities(rng, i):
    return f"<html><body><p>{i}" + rng.choice(["&amp;", "&#65;", "&lt;", "&nbsp;", "&#x1F600;"]) * 20_000 + "</p></body></html>"


def html_huge_attribute(rng, i):
    return f"<html><body><p title='{'x' * 1_000_000}'>{filler(rng, i)}</p></body></html>"


def html_lying_charset(rng, i):
    enc = rng.choice(["shift_jis", "koi8-r", "utf-16", "x-unknown-charset"])
    return f"<html><head><meta charset='{enc}'></head><body><p>{filler(rng, i)} café</p></body></html>"


def html_xml_bomb(rng, i):  # entity expansion dressed as XHTML
    return f'<?xml version="1.0"?><!DOCTYPE lolz [{lol_entities()}]><html><body><p>&lol9; {i}</p></body></html>'


HTML_MIX: list[tuple[Callable, float]] = [
    (html_truncated, 0.3), (html_soup, 0.3), (html_no_body, 0.15), (html_lying_charset, 0.1), (html_xml_bomb, 0.05),
    (html_deep, 0.05), (html_entities, 0.045), (html_huge_attribute, 0.005)]


# --- feeds --------------------------------------------------------------------------------------

def lol_entities(levels: int = 9) -> str:
    return '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{k} "{("&lol" + (str(k - 1) if k > 1 else "") + ";") * 10}">' for k in range(1, levels + 1))


def feed_documents(base: str, i: int) -> dict[str, bytes]:
    """Whole hostile feed documents, by kind (each is one item of the feed path)."""
    return {
        "billion laughs": (f'<?xml version="1.0"?><!DOCTYPE rss [{lol_entities()}]><rss version="2.0"><channel>'
                           f'<title>&lol9;</title><item><title>&lol9;</title><link>{base}/page/lol-{i}</link></item>'
                           f'</channel></rss>').encode(),
        "external entity": (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                            f'<!ENTITY remote SYSTEM "{base}/dtd-fetched/{i}">]><rss version="2.0"><channel>'
                            f'<title>&xxe;&remote;</title></channel></rss>').encode(),
        "external dtd": (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{base}/dtd-fetched/{i}.dtd"><rss version="2.0">'
                         f'<channel><title>x</title></channel></rss>').encode(),
        "malformed": f'<rss version="2.0"><channel><title>Item {i}<item><link>&&&</channel>'.encode(),
        "not xml": f"{{\"feed\": {i}}}".encode(),
        "html page": f"<html><body><p>not a feed {i}</p></body></html>".encode(),
        "wrong root": f'<?xml version="1.0"?><catalog><book id="{i}"/></catalog>'.encode(),
        "empty": b"",
        "binary": bytes(random.Random(i).getrandbits(8) for _ in range(500)),
    }


FEED_LEVEL = ["billion laughs", "external entity", "external dtd", "malformed", "not xml", "html page",
              "wrong root", "empty", "binary", "404", "redirect loop", "gzip bomb", "huge", "500"]
# Hostile items inside well-formed feeds (the page each links to, or the item itself).
ITEM_MIX = [("404 page", 0.199), ("500 page", 0.001), ("redirect loop", 0.05), ("gzip bomb page", 0.02),
            ("huge page", 0.02), ("binary page", 0.1), ("deep page", 0.05), ("truncated page", 0.1),
            ("soup page", 0.1), ("empty page", 0.05), ("no link", 0.06), ("local file link", 0.05),
            ("script link", 0.05), ("odd date", 0.1), ("script title", 0.05)]


# --- choosing ---------------------------------------------------------------------------------

def pick(mix, rng: random.Random):
    """One entry of a (thing, weight) table, by weight."""
    total = sum(w for _, w in mix)
    x = rng.random() * total
    for thing, weight in mix:
        x -= weight
        if x <= 0:
            return thing
    return mix[-1][0]


def label(fn: Callable) -> str:
    return fn.__name__.split("_", 1)[1].replace("_", " ")
