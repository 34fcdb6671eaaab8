"""Counts: number phrases and the casualty/arrest/displacement counts a sentence states."""
import pytest
from hypothesis import given, strategies as st

from strife.counts import find_counts, parse_quantity


@pytest.mark.parametrize("phrase,expected", [
    ("200", (200, 200)), ("more than 10,000", (10000, None)), ("two hundred", (200, 200)),
    ("dozens", (12, None)), ("hundreds", (100, None)), ("several", (3, None)), ("at least 27", (27, None)),
    ("1.5 million", (1500000, 1500000)), ("20 to 30", (20, 30)), ("between 5 and 7", (5, 7)),
    ("up to 30", (30, 30)), ("a dozen", (12, 12)), ("twenty-one", (21, 21)), ("12-15", (12, 15)),
    ("nearly 40", (40, 40)), ("three", (3, 3)), ("banana", None),
])
def test_parse_quantity(phrase, expected):
    assert parse_quantity(phrase) == expected


ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def in_words(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        words.append(TENS[rest // 10] + (f"-{ONES[rest % 10]}" if rest % 10 else ""))
    elif rest:
        words.append(["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                      "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                      "nineteen"][rest])
    return " ".join(words) or "zero"


@given(st.integers(min_value=1, max_value=999))
def test_words_and_digits_agree(n):
    assert parse_quantity(in_words(n)) == (n, n)
    assert parse_quantity(f"{n:,}") == (n, n)
    assert parse_quantity(f"at least {n}") == (n, None)


@given(st.integers(min_value=1000, max_value=10**7))
def test_thousands_separators(n):
    assert parse_quantity(f"{n:,}") == (n, n)


@pytest.mark.parametrize("sentence,expected", [
    ("Clashes that they said killed 200 people.", [("killed", 200)]),
    ("An official said more than 10,000 people had been evacuated from the valley.", [("displaced", 10000)]),
    ("Two people were killed and eleven wounded when shells hit the market.", [("killed", 2), ("injured", 11)]),
    ("Police arrested at least 35 activists on Monday.", [("arrested", 35)]),
    ("The attack left 12 dead and dozens injured.", [("killed", 12), ("injured", 12)]),
    ("At least 48 people killed as militia attacks village", [("killed", 48)]),
    ("No one was killed in the raid.", [("killed", 0)]),
    ("Gunmen shot dead a trader in the market.", [("killed", 1)]),
    ("The town lies some 200 km west of the capital.", []),
    ("Clashes broke out between herders and farmers. 3 killed.", [("killed", 3)]),
    ("2 people shot dead during raid", [("killed", 2)]),
    ("FATALITIES: 19 more people died in the fighting on Tuesday and Wednesday", [("killed", 19)]),
])
def test_find_counts(nlp, sentence, expected):
    doc = nlp(sentence)
    assert [(c.kind, c.low) for c in find_counts(doc[:])] == expected
