"""Relevance pre-filter: skip articles with no conflict content before the spaCy parse.

Most news is not about conflict, and parsing is most of strife's cost, so a batch run asks
this cheap test first (`Pipeline(prefilter=True)`). It reads the raw text with three
compiled regular expressions over word stems, never a model:

1. STRONG words name conflict on their own ("killed", "militants", "airstrike",
   "protesters", "riot", "tear gas", "ceasefire"): one is enough.
2. WEAK words also have everyday senses ("attack", "fire", "strike", "shot", "rally",
   "march", "clash", "injured", "arrested"): they count only with a CONTEXT word, a party
   to violence or to a demonstration ("police", "soldiers", "villagers", "students",
   "supporters"), or with a second, different weak word.

It is tuned for recall: a kept article that turns out to hold no event costs one parse;
a dropped article that held one is lost for good. `bench/relevance_recall.py` measures
both sides (recall on the dev gold sets, rejection on non-conflict text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass


def _words(*patterns: str) -> re.Pattern[str]:
    """One pattern matching any of `patterns` as whole words (they hold their own endings)."""
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


STRONG = _words(
    # killing and violence against people
    r"kill(?:s|ed|ing|ings|er|ers)?", r"murder(?:s|ed|ing|ers?)?", r"massacr(?:e|es|ed)",
    r"slain", r"slay(?:s|ing)?", r"behead(?:s|ed|ing)?", r"assassinat(?:e|es|ed|ion|ions)",
    r"lynch(?:es|ed|ing|ings)?", r"rampage", r"rowdy", r"found dead", r"demos", r"barricad(?:e|es|ed|ing)", r"set (?:\w+ ){0,4}alight", r"flogg(?:ed|ing)", r"rustl(?:ed|ing|ers?)", r"arsonists?", r"pelt(?:s|ed|ing)?", r"causalit(?:y|ies)", r"explosive devices?", r"pirates?", r"tortur(?:e|ed|ing)", r"rap(?:e|ed|es|ist|ists)",
    r"abduct(?:s|ed|ing|ion|ions|ors?)?", r"kidnap(?:s|ped|ping|pings|pers?)?",
    r"hostages?", r"gunm[ae]n", r"gunn?ed down", r"gun ?shots?", r"machetes?", r"stabb(?:ed|ing|ings)",
    r"fatalit(?:y|ies)", r"casualt(?:y|ies)", r"wounded", r"bod(?:y|ies) of", r"bod(?:y|ies) (?:was|were) (?:found|dumped|discovered|recovered)",
    # armed actors
    r"militan(?:t|ts|cy)", r"militi(?:a|as|amen)", r"insurgen(?:t|ts|cy)", r"rebels?",
    r"jihadis?t?s?", r"terroris(?:t|ts|m)", r"guerrillas?", r"extremists?", r"bandits?",
    r"raiders?", r"assailants?", r"attackers?", r"troops?", r"soldiers?", r"paramilitar(?:y|ies)",
    r"security (?:forces|personnel|agents|officers)", r"movement of forces", r"armed (?:men|group|groups|forces|gang|gangs)",
    r"al[- ]shabaab", r"boko haram", r"taliban", r"houthis?", r"hamas",
    # fighting and remote violence
    r"clash(?:ed|es)", r"gunfire", r"gun ?fights?", r"gun battles?", r"firefights?", r"shoot-?outs?",
    r"crossfire", r"skirmish(?:es)?", r"ambush(?:ed|es)?", r"counter-?attacks?",
    r"air ?strikes?", r"air-strikes?", r"air ?raids?", r"drone (?:strikes?|attacks?)", r"warplanes?",
    r"shell(?:ed|ing)", r"artillery", r"mortars?", r"bombard(?:ed|ment|ments)",
    r"bomb(?:s|ed|ing|ings|er|ers)?", r"ieds?", r"land ?mines?", r"explosions?", r"grenades?",
    r"suicide (?:bomb\w*|attack\w*)", r"detonat(?:e|ed|es|ion)", r"blasts?",
    r"recaptur(?:e|ed|es)", r"overr(?:an|un)",
    # demonstrations and riots
    r"protest(?:s|ed|ing|ers?|ors?)?", r"demonstrat(?:ion|ions|ors?|ed|ing)", r"riot(?:s|ed|ing|ers?)?",
    r"sit-ins?", r"hartals?", r"gheraos?", r"human chains?", r"tear ?gas", r"teargas(?:sed)?",
    r"water cannons?", r"rubber bullets?", r"lathi[- ]?charg\w*", r"baton[- ]charg\w*",
    r"loot(?:s|ed|ing|ers?)?", r"vandali[sz](?:e|ed|es|ing|m)", r"arson", r"ransack(?:ed|ing)?",
    r"set (?:ablaze|alight|on fire|fire to)", r"torch(?:ed|ing)", r"unrest", r"curfew",
    r"mob (?:justice|violence|attack\w*)", r"lynch mob", r"stone[- ]pelting", r"pelted",
    # strategic developments
    r"ceasefires?", r"cease-fires?", r"truces?", r"armistice", r"peace (?:talks|deals?|agreements?|accords?|process)",
    r"disarm(?:ed|ament)?", r"defus(?:e|ed)", r"seiz(?:e|ed|ure) (?:of )?(?:weapons|arms|ammunition)",
    r"ammunition", r"shot down", r"small arms", r"projectiles?", r"bursts? of (?:gun)?fire", r"machine-?guns?", r"armou?red vehicles", r"(?<!cardiac )arrest(?:s|ed|ing)?", r"detain(?:s|ed|ing)?", r"detention", r"crackdown",
)

# Violence words that are conflict on their own except in sport and market news.
VIOLENT = _words(
    r"(?<!heart )(?<!panic )(?<!cyber )(?<!cyber-)(?<!asthma )attack(?:s|ed|ing)?", r"attc?k?ed", r"attakced",
    r"assault(?:s|ed|ing)?", r"raid(?:s|ed|ing)?", r"(?:shot|shoot) (?:dead|and (?:killed|wounded|injured))",
    r"(?:was|were|been|being) shot", r"hack(?:ed|ing) to death", r"beat(?:en)? (?:to death|up)",
    r"(?:fight|fights|fighting) (?:between|broke out|over)", r"violen(?:ce|t)", r"injur(?:ed|ies|ing)",
    r"stormed", r"torch(?:es)?", 
    r"displaced", r"shootings?", r"gun attacks?", r"held captive", r"threw (?:rocks|stones|bricks)",
    r"fights?", r"clash", r"electoral", r"post-election", r"to death", r"shoots?", r"burn(?:ed|t|s)? down", r"(?:was|were|been|being) (?:beaten|hit with|struck with)",
    r"(?:houses|homes|huts|shops|vehicles?|cars?|trucks?|villas|dormitories|offices) (?:\\w+ ){0,2}(?:burn\\w*|torched|destroyed|razed|set ablaze)", r"blows", r"shoving",
    r"(?:throw|threw|thrown|hurl|hurled|hurling|pelted) (?:\\w+ )?(?:stones|rocks|bricks)",
    r"damag(?:ed|ing) (?:\\w+ )?(?:property|vehicles|houses|homes|shops|offices|buildings)",
    r"burn(?:ed|t|s|ing)? (?:down )?(?:\\w+ ){0,2}(?:houses|homes|huts|dormitor\\w+|vehicles|shops|churches|cars|tyres|tires|offices|ballot\\w*)",
)
# Words with everyday senses ("fire", "shot", "dead"): they count with a party to violence.
AMBIGUOUS = _words(
    r"fought", r"battl(?:e|es|ed|ing)", r"wars?", r"offensive", r"shoot(?:s|ing)?", r"shot", r"fir(?:e|ed|ing)",
    r"guns?", r"hack(?:ed|ing|s)", r"beat(?:s|en|ing)?", r"stab(?:s)?", r"execut(?:e|ed|ion|ions)",
    r"storm(?:ing)?", r"burn(?:t|ed|ing)?", r"destroy(?:ed|ing)?", r"demolish(?:ed|ing)?",
    r"injury", r"hurt", r"harmed", r"dead", r"deaths?", r"died", r"bodies", r"victims?",
    r"refugees?", r"missiles?", r"rockets?", r"drones?", r"explosives?", r"weapons?",
    r"arms", r"armed", r"coup", r"seiz(?:e|ed|ing)", r"captur(?:e|ed|ing)", r"disperse[ds]?",
    r"surrender(?:ed)?", r"withdr(?:aw|ew|awn)", r"deploy(?:ed|ment|ments)?", r"intercept(?:ed)?",
    r"chas(?:e|ed|ing)", r"stones?", r"rocks", r"sticks", r"feud", r"dispute", r"altercation", r"brawl",
    r"spear(?:ed)?", r"stole|stolen|steal(?:ing)?", r"shattered", r"disrupt(?:s|ed|ing)?", r"burns", r"stronghold", r"hurled", r"threw",
    r"invad(?:e|ed|ing)", r"spotted", r"movement", r"recruit\w*", r"destruction", r"warring", r"evict(?:ed|ion|ions)",
)
# Sport and market news use violent and protest words as metaphors ("attacking midfielder",
# "shares rallied"): there a strong word needs a second one, and weak words do not count.
SPORT = _words(
    r"goals?", r"striker", r"midfield(?:er)?", r"referee", r"tournament", r"semi-?finals?", r"quarter-?finals?",
    r"championship", r"innings", r"wickets?", r"scored", r"premier league", r"kick-?off", r"penalty area",
)
MARKETS = _words(
    r"shares", r"stocks?", r"investors", r"earnings", r"revenue", r"profits?", r"quarterly", r"analysts",
)
# Parties to violence: a weak violence word counts only when one of them is named.
CONTEXT_VIOLENCE = _words(
    r"police(?:men|man)?", r"cops?", r"army", r"military", r"navy", r"gendarm\w*", r"militants?",
    r"fighters?", r"gangs?", r"gangsters?", r"herders?", r"herdsm[ae]n", r"pastoralists?", r"clans?",
    r"clansm[ae]n", r"tribes?", r"tribesm[ae]n", r"tribal", r"warriors?", r"ethnic", r"villagers?",
    r"civilians?", r"youths?", r"crowds?", r"mobs?", r"rivals?", r"rival", r"security", r"separatists?",
    r"checkpoints?", r"barracks", r"cattle", r"livestock", r"goats", r"camels", r"sect", r"sectarian",
    r"muslims", r"christians", r"mungiki", r"suspected", r"criminals?", r"thie(?:f|ves)", r"robbers?", r"robbery", r"witch\w*", r"locals", r"voters", r"polling", r"cows", r"secession\w*", r"vigilantes?", r"thugs?", r"goons?", r"cadres?", r"activists?",
)
WEAK_DEMO = _words(
    r"march(?:ed|es|ing|ers)?", r"rall(?:y|ies|ied)", r"strikes?", r"striking", r"picket(?:s|ed|ing)?",
    r"blockades?", r"block(?:s|ed|ing)?", r"demonstrates?", r"walk-?outs?", r"boycott(?:s|ed|ing)?", r"vigils?", r"gather(?:ed|ing)",
    r"petition(?:s|ed)?", r"memorandum", r"placards?", r"slogans?", r"chant(?:ed|ing)", r"agitat(?:ion|ed|ing)",
    r"hunger strike", r"bonfires?", r"thronged", r"poured (?:in)?to the streets", r"solidarity", r"staged", r"disrupt(?:s|ed|ing)?",
)
# Who demonstrates, or what for: a weak demonstration word counts with one of them.
CONTEXT_DEMO = _words(
    r"streets?", r"demand(?:s|ed|ing)?", r"against", r"workers?", r"employees", r"unions?", r"teachers?",
    r"students?", r"supporters?", r"activists?", r"traders?", r"drivers?", r"farmers?", r"residents?",
    r"opposition", r"part(?:y|ies)", r"police", r"rights", r"resignation", r"wages?", r"salar(?:y|ies)",
    r"arrears", r"dismissal", r"justice", r"members", r"women", r"shareholders", r"delegates", r"youths?", r"elders", r"voters", r"locals", r"crowds?", r"operators",
)

@dataclass(frozen=True)
class Relevance:
    """Why an article was kept or dropped: the first strong word, or the weak and context words."""

    keep: bool
    strong: str | None = None
    weak: str | None = None
    context: str | None = None


def relevance(text: str) -> Relevance:
    """The pre-filter's verdict on one article's raw or clean text (see the module docstring)."""
    low = text.lower()
    sport = SPORT.search(low) is not None
    metaphors = sport or MARKETS.search(low) is not None
    hit = STRONG.search(low)
    # In a match report one "killed the game off" is a metaphor; a real attack has more words.
    if hit and (not sport or len({m.group() for m in STRONG.finditer(low)}) >= 2):
        return Relevance(True, strong=hit.group())
    violent = VIOLENT.search(low)
    if violent and not metaphors:
        return Relevance(True, weak=violent.group())
    for weak in (violent or AMBIGUOUS.search(low), None):
        if weak:
            ctx = CONTEXT_VIOLENCE.search(low)
            if ctx:
                return Relevance(True, weak=weak.group(), context=ctx.group())
    weak = WEAK_DEMO.search(low)
    if weak and not metaphors:
        ctx = CONTEXT_DEMO.search(low)
        if ctx:
            return Relevance(True, weak=weak.group(), context=ctx.group())
    return Relevance(False)


def is_relevant(text: str) -> bool:
    """True when the text may report a conflict event and is worth the full parse."""
    return relevance(text).keep
