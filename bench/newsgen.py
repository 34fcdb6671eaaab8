"""Generated news articles for benchmarks: non-conflict news and conflict reports.

Everything here is written by the team from its own templates; no real article is copied.
Non-conflict articles cover business, sport (with its war-like metaphors), weather,
science, health, technology, culture, local politics, transport and farming, so the
relevance pre-filter is measured on text that shares words with conflict news ("rally",
"attack", "shot", "storm", "strike price"). Conflict reports name real towns so the whole
pipeline (places included) runs as it would on real news.

    articles = nonconflict_articles(100, seed=1) + conflict_articles(25, seed=1)
"""
from __future__ import annotations

import random
from datetime import date, timedelta

CITIES = ["Nairobi", "Lagos", "Manila", "Lima", "Hanoi", "Accra", "Bogotá", "Dhaka", "Warsaw", "Lisbon",
          "Osaka", "Cairo", "Quito", "Tunis", "Oslo", "Dakar", "Kampala", "Santiago", "Seoul", "Pune"]
COMPANIES = ["Norvane Holdings", "Pellucid Foods", "Tarragon Motors", "Brightwell Telecom", "Quillon Bank",
             "Ostrava Steelworks", "Merrow Pharmaceuticals", "Kestrel Airlines", "Halden Energy", "Sorrel Retail"]
TEAMS = ["Rovers", "United", "Athletic", "City", "Wanderers", "Albion", "Rangers", "Dynamo", "Sporting", "Olympic"]
PEOPLE = ["Amara Okafor", "Lena Brandt", "Tomas Ruiz", "Priya Nair", "Kenji Mori", "Fatou Diallo",
          "Marta Kowalska", "Daniel Mensah", "Sofia Almeida", "Ravi Sharma", "Grace Wanjiru", "Ahmed Saleh"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Daily Ledger", "Metro Courier", "Coastline Post", "Evening Herald", "Wire Service One"]


def _fill(template: str, rng: random.Random) -> str:
    values = {
        "city": rng.choice(CITIES), "city2": rng.choice(CITIES), "company": rng.choice(COMPANIES),
        "company2": rng.choice(COMPANIES), "team": f"{rng.choice(CITIES)} {rng.choice(TEAMS)}",
        "team2": f"{rng.choice(CITIES)} {rng.choice(TEAMS)}", "person": rng.choice(PEOPLE),
        "person2": rng.choice(PEOPLE), "day": rng.choice(WEEKDAYS), "pct": f"{rng.uniform(0.2, 14.5):.1f}",
        "n": str(rng.randint(2, 95)), "big": f"{rng.randint(2, 950):,}", "money": f"{rng.randint(3, 900)} million",
        "year": str(rng.randint(2015, 2024)), "score": f"{rng.randint(0, 4)}-{rng.randint(0, 3)}",
        "minute": str(rng.randint(3, 90)), "temp": str(rng.randint(-8, 41)),
    }
    return template.format(**values)


NONCONFLICT: dict[str, dict[str, list[str]]] = {
    "business": {
        "title": ["{company} profit beats forecasts", "Shares in {company} rally after results",
                  "{company} to buy {company2} for ${money}", "Central bank holds rates as inflation eases"],
        "para": [
            "{company} reported a {pct}% rise in quarterly revenue on {day}, helped by strong demand in {city} and lower energy costs, the company said in a statement.",
            "Shares in {company} rallied {pct}% in early trading after analysts raised their price targets, and the wider index closed at a record high.",
            "The deal, worth ${money}, still needs approval from regulators, who are expected to rule before the end of the year, people familiar with the matter said.",
            "Chief executive {person} told investors that the group would open {n} new stores and invest ${money} in its logistics network over the next three years.",
            "Bond yields fell as traders bet that the central bank would cut interest rates in the spring, while the currency weakened against the dollar.",
            "Options traders piled into contracts with a strike price well above the current level, a sign that some expect the rally to run further.",
            "The company's market share in {city} grew to {pct}%, and margins improved as shipping costs came down from last year's peak.",
            "Analysts at {company2} said the results were a pleasant surprise but warned that consumer spending could slow if fuel prices rise again.",
            "Inflation slowed to {pct}% in the year to {day}'s figures, the statistics office said, the lowest reading since {year}.",
        ],
    },
    "sport": {
        "title": ["{team} edge {team2} in tense derby", "{person} shot to fame with late winner",
                  "Coach hails 'battling' display as {team} stay top", "{team} crash out of the cup"],
        "para": [
            "{team} beat {team2} {score} on {day}, with {person} scoring the decisive goal in the {minute}th minute after a swift counter.",
            "The visitors' attack never found its rhythm, and their best shot of the first half flew well over the bar.",
            "It was a real battle in midfield, and the referee showed five yellow cards before the break as tempers frayed.",
            "\"We fought for every ball and the fans carried us through the last ten minutes,\" coach {person2} told reporters after the match.",
            "{person} was substituted with a hamstring injury and will have a scan on Monday, the club said.",
            "The result leaves {team} {n} points clear at the top of the league with six games of the season left to play.",
            "In the tennis, {person} stormed into the semifinal with a straight-sets win, firing {n} aces past a tired opponent.",
            "The home side's defence was torn apart on the break, and the striker killed the game off with a second goal in stoppage time.",
            "Ticket sales for the final have already passed {big}, and organisers expect a full stadium in {city}.",
        ],
    },
    "weather": {
        "title": ["Heatwave grips {city} as temperatures soar", "Storm brings heavy rain to {city}",
                  "Forecasters warn of frost after mild week"],
        "para": [
            "Temperatures reached {temp} degrees in {city} on {day}, and forecasters said the hot spell would last until the weekend.",
            "A storm system moving in from the coast is expected to bring up to {n} millimetres of rain, the weather service said.",
            "Residents were advised to drink plenty of water and avoid the midday sun, and parks stayed open late.",
            "Farmers welcomed the rain after a dry spring, though some low-lying roads were flooded for a few hours.",
            "The national weather office said the season had been the warmest on record since {year}.",
            "Ferries between {city} and nearby islands were suspended for the afternoon because of strong winds.",
        ],
    },
    "science": {
        "title": ["Astronomers spot distant galaxy", "New beetle species found in {city} forest",
                  "Researchers map ocean floor with robot submarines"],
        "para": [
            "A team led by {person} at the University of {city} described the find in a paper published on {day}.",
            "The telescope captured light that left the galaxy more than {n} billion years ago, the researchers said.",
            "The new species, about {n} millimetres long, was found under the bark of fallen trees during a survey.",
            "The robots collected {big} measurements of temperature and salinity over six weeks at sea.",
            "Other scientists said the results were promising but would need to be confirmed by independent teams.",
            "The project was funded by a ${money} grant and involved {n} institutions in {n} countries.",
        ],
    },
    "health": {
        "title": ["Hospital opens new cancer wing in {city}", "Vaccination drive reaches {big} children",
                  "Study links walking to better sleep"],
        "para": [
            "The new wing has {n} beds and will treat patients from across the region, hospital director {person} said.",
            "Health workers vaccinated {big} children against measles in the first week of the campaign, officials said.",
            "People who walked at least {n} minutes a day slept better, according to the study of {big} adults.",
            "Doctors said the treatment was safe and that most side effects were mild and short-lived.",
            "The ministry plans to train {n} more nurses this year and to open clinics in rural districts.",
            "A heart attack survivor, {person2}, spoke at the opening about the care she received.",
        ],
    },
    "technology": {
        "title": ["{company} unveils new phone", "Start-up raises ${money} for battery research",
                  "Cyber attack disrupts ticket sales"],
        "para": [
            "{company} showed off a thinner phone with a larger battery at an event in {city} on {day}.",
            "The start-up, founded by {person}, says its batteries charge in {n} minutes and last {n} percent longer.",
            "Hackers hit the ticketing website on {day}, and sales were paused for several hours while engineers restored the system.",
            "The update adds new privacy settings and fixes a bug that drained batteries on older models.",
            "Analysts expect {big} units to ship in the first quarter, most of them in Asia.",
            "The company said no customer payment data had been exposed and that it had informed the regulator.",
        ],
    },
    "culture": {
        "title": ["Film festival opens in {city}", "{person} wins poetry prize", "Museum reopens after renovation"],
        "para": [
            "The festival will screen {n} films from {n} countries over ten days, with the opening gala on {day}.",
            "{person} won the prize for a collection of poems about growing up in {city}, the jury said.",
            "The museum reopened after a two-year renovation that cost ${money}, with a new wing for modern art.",
            "Critics praised the director's latest film, a drama shot on location in {city2} over one summer.",
            "Tickets for the concert sold out in {n} minutes, and organisers added a second night.",
            "The orchestra will march through the old town on the opening night, as it has every year since {year}.",
        ],
    },
    "politics": {
        "title": ["Council approves new budget", "Parliament debates pension reform",
                  "Mayor {person} announces bid for second term"],
        "para": [
            "The city council approved a budget of ${money} on {day}, with more money for schools and bus routes.",
            "Lawmakers debated the pension reform for six hours, and a vote is expected next month.",
            "Mayor {person} said she would run for a second term, citing new parks and lower crime figures.",
            "The opposition party criticised the plan as too costly, while business groups welcomed it.",
            "Voter registration closes on {day}, and officials expect turnout to exceed {n} percent.",
            "The minister met union representatives for talks on public sector pay, and both sides said progress had been made.",
        ],
    },
    "transport": {
        "title": ["New rail line cuts journey times", "Airport expansion approved", "{company} orders {n} electric buses"],
        "para": [
            "The new line between {city} and {city2} opened on {day} and cuts the journey to under two hours.",
            "The airport will add a second runway and handle {big} passengers a year by {year}, planners said.",
            "{company} ordered {n} electric buses, which will enter service on the busiest routes next spring.",
            "Commuters said trains had been crowded but on time during the first week of the new timetable.",
            "Road works on the ring road will close two lanes at night for the next {n} weeks.",
        ],
    },
    "farming": {
        "title": ["Coffee harvest best in a decade", "Dairy farmers get higher milk price", "Rains lift maize outlook"],
        "para": [
            "Coffee growers around {city} expect the best harvest in a decade after good rains, the growers' association said.",
            "Dairy farmers will be paid {pct}% more per litre from next month under a deal with processors.",
            "The maize crop is forecast at {big} tonnes, up from last season, the agriculture ministry said.",
            "Prices at the {city} market eased as fresh vegetables arrived from the highlands.",
            "Farmers were urged to register for a subsidy scheme that provides seeds and fertiliser at half price.",
        ],
    },
}

# Paragraphs any story can carry: quotes, background, what comes next.
GENERIC = [
    "\"This is an important step for everyone involved,\" {person} said in an interview on {day}.",
    "The plan was first announced in {year} but was delayed several times because of rising costs.",
    "Officials in {city} said they would publish more details in the coming weeks.",
    "Local newspapers have followed the story closely, and it has been widely shared online.",
    "A spokesperson for {company} declined to comment further when contacted by reporters.",
    "Similar projects in {city2} have had mixed results, according to a report published last year.",
    "The next meeting is scheduled for {day}, when a final decision is expected.",
    "Critics say the process has been too slow, while supporters point to steady progress since {year}.",
    "About {big} people are expected to benefit, according to figures released by the city.",
    "{person2}, who has followed the issue for years, said the coming months would be decisive.",
    "Further information is available from the city's website and at public libraries.",
    "The figures will be reviewed again at the end of the year, officials said.",
]
CONFLICT_BACKGROUND = [
    "The region has seen repeated violence since {year}, and aid agencies say thousands of people have fled their homes.",
    "Humanitarian groups warned that food and medicine were running short in the area.",
    "The government has promised to restore order, but critics say security has worsened.",
    "Local leaders called for calm and urged both sides to return to talks.",
    "Mobile phone networks were cut for several hours, making it hard to confirm details.",
    "A spokesperson for the United Nations said the organisation was following the situation closely.",
    "Schools in the district were closed and markets stayed shut for a second day.",
    "It was not possible to independently verify the figures given by either side.",
]

CONFLICT_PLACES = [("Djenné", "Mali"), ("Marib", "Yemen"), ("Beni", "DR Congo"), ("Kisii", "Kenya"),
                   ("Mogadishu", "Somalia"), ("Maiduguri", "Nigeria"), ("Khulna", "Bangladesh"),
                   ("Kharkiv", "Ukraine"), ("Goma", "DR Congo"), ("Gao", "Mali"), ("Garissa", "Kenya"),
                   ("Sylhet", "Bangladesh"), ("Jos", "Nigeria"), ("Kismayo", "Somalia")]
CONFLICT: dict[str, dict[str, list[str]]] = {
    "battle": {
        "title": ["Soldiers and militants killed in clashes near {place}", "Heavy fighting near {place}"],
        "para": [
            "At least {n} people were killed when government troops clashed with armed militants near {place}, {country}, on {day}, military sources said.",
            "The fighting lasted several hours before the militants withdrew, an army spokesman told reporters.",
            "Residents said they heard heavy gunfire through the night and that many families fled to nearby villages.",
        ],
    },
    "airstrike": {
        "title": ["Airstrike kills {n} in {place}", "Drone strike hits market near {place}"],
        "para": [
            "An airstrike on a market in {place}, {country}, killed {n} people and wounded dozens on {day}, local officials said.",
            "Witnesses said warplanes circled the town before the strike, and rescuers searched the rubble for survivors.",
            "No group immediately claimed responsibility, and the air force did not comment.",
        ],
    },
    "protest": {
        "title": ["Thousands protest in {place} over fuel prices", "Teachers rally in {place}"],
        "para": [
            "Several thousand people marched through {place}, {country}, on {day} to protest against rising fuel prices, organisers said.",
            "The protesters carried placards and chanted slogans outside the regional government office before dispersing peacefully.",
            "Police said the demonstration passed without incident and that no one was arrested.",
        ],
    },
    "riot": {
        "title": ["Police fire tear gas at rioting youths in {place}"],
        "para": [
            "Police fired tear gas to disperse hundreds of youths who burned tyres and threw stones in {place}, {country}, on {day}.",
            "At least {n} people were injured and {n} were arrested, a police commander said.",
            "Shops stayed closed for most of the day as the unrest spread to nearby streets.",
        ],
    },
    "attack": {
        "title": ["Gunmen kill {n} villagers near {place}"],
        "para": [
            "Gunmen attacked a village near {place}, {country}, on {day} night, killing {n} civilians and abducting several others, a local leader said.",
            "The attackers set fire to houses and fled before soldiers arrived, residents said.",
            "The army said it had launched an operation to track down the assailants.",
        ],
    },
}


def _article(kind: str, domain: dict[str, list[str]], rng: random.Random, i: int, extra: dict | None = None) -> dict:
    extra = extra or {}
    fill = (lambda t: _fill(t.replace("{place}", extra["place"]).replace("{country}", extra["country"]), rng)) \
        if extra else (lambda t: _fill(t, rng))
    title = fill(rng.choice(domain["title"]))
    # News stories run to several paragraphs: the story's own, then quotes and background.
    own = rng.sample(domain["para"], rng.randint(3, len(domain["para"])))
    pool = CONFLICT_BACKGROUND if extra else GENERIC
    paras = [fill(p) for p in own + rng.sample(pool, rng.randint(3, 6))]
    published = date(2024, 1, 1) + timedelta(days=rng.randint(0, 360))
    return {"id": f"{kind}-{i:05d}", "title": title, "text": title + "\n\n" + "\n\n".join(paras),
            "published": published.isoformat(), "source": rng.choice(OUTLETS),
            "url": f"https://news.example.org/{kind}/{i:05d}"}


def nonconflict_articles(n: int, seed: int = 0) -> list[dict]:
    """`n` non-conflict articles (headline, blank line, 6-15 paragraphs), varied by topic."""
    rng = random.Random(seed)
    topics = sorted(NONCONFLICT)
    return [_article(f"news-{t}", NONCONFLICT[t], rng, i)
            for i, t in ((i, rng.choice(topics)) for i in range(n))]


def conflict_articles(n: int, seed: int = 0) -> list[dict]:
    """`n` conflict reports in real towns (battles, airstrikes, protests, riots, attacks)."""
    rng = random.Random(seed + 1000)
    kinds = sorted(CONFLICT)
    out = []
    for i in range(n):
        kind = rng.choice(kinds)
        place, country = rng.choice(CONFLICT_PLACES)
        out.append(_article(f"conflict-{kind}", CONFLICT[kind], rng, i, {"place": place, "country": country}))
    return out


def realistic_mix(n: int, conflict_share: float = 0.2, seed: int = 0, extra_conflict: list[dict] = ()) -> list[dict]:
    """`n` articles, about `conflict_share` of them conflict reports, shuffled."""
    extra_conflict = list(extra_conflict)
    n_conflict = round(n * conflict_share)
    conflict = (extra_conflict + conflict_articles(max(0, n_conflict - len(extra_conflict)), seed))[:n_conflict]
    items = nonconflict_articles(n - n_conflict, seed) + conflict
    random.Random(seed).shuffle(items)
    return items
