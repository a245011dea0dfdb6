"""Figures: number words, suffixes, currencies, units, ranges, approximators, changes, what is counted,
and what is not a figure. Pure functions where parsing does not matter, the real pipeline where it does.
Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.dates.dates import extract_dates
from generator.extract.figures.figures import extract_figures, headline_repeats
from generator.extract.figures.numbers import lex, value_of
from generator.extract.figures.units import currency_before, unit_after
from generator.model import APPROX_VOCAB, Figure

# ---------------------------------------------------------------- pure: numbers


@pytest.mark.parametrize("text, value", [
    ("eight", 8),
    ("twenty-five", 25),
    ("two hundred and fifty thousand", 250_000),
    ("one hundred twenty", 120),
    ("a dozen", 12),
    ("a million", 1_000_000),
    ("half a million", 500_000),
    ("one and a half", 1.5),
    ("4 hundred million", 400_000_000),
    ("1.5 billion", 1_500_000_000),
    ("3,500", 3500),
    ("1,234.5", 1234.5),
    (".001", 0.001),
])
def test_number_words_and_digits(text, value):
    assert value_of(text) == value


@pytest.mark.parametrize("text, value", [
    ("14k", 14_000),
    ("$1.2bn", 1_200_000_000),
    ("$10m", 10_000_000),
    ("4.3M", 4_300_000),
    ("£2tn", 2_000_000_000_000),
    ("3 million", 3_000_000),
])
def test_scale_suffixes(text, value):
    assert value_of(text) == value


@pytest.mark.parametrize("text", ["10m", "5b"])
def test_ambiguous_suffix_needs_a_currency(text):
    """"10m" alone is ten metres, not ten million; only "$10m" is money."""
    assert value_of(text) is None


@pytest.mark.parametrize("text, value", [
    ("two-thirds", pytest.approx(2 / 3, rel=1e-6)),
    ("a third", pytest.approx(1 / 3, rel=1e-6)),
    ("three quarters", 0.75),
    ("1/16", 0.0625),
    ("1⁄32", 0.03125),
    ("2½", 2.5),
])
def test_fractions(text, value):
    assert value_of(text) == value


@pytest.mark.parametrize("text, value", [
    ("dozens", (12, 120)),
    ("thousands", (1000, 10_000)),
    ("tens of thousands", (10_000, 100_000)),
    ("hundreds of millions", (100_000_000, 1_000_000_000)),
])
def test_vague_plurals_are_ranges(text, value):
    assert value_of(text) == value


# ---------------------------------------------------------------- pure: units and currencies


@pytest.mark.parametrize("text, unit", [
    ("5%", "percentage"),
    ("5 per cent", "percentage"),
    ("5 percent", "percentage"),
    ("5pc", "percentage"),
    ("5 percentage points", "percentage point"),
    ("40 basis points", "basis point"),
    ("160 miles", "mile"),
    ("37m", "metre"),
    ("12 km", "kilometre"),
    ("6.1-inch", "inch"),
    ("311 square miles", "square mile"),
    ("1520 sq m", "square metre"),
    ("278kg", "kilogram"),
    ("45g", "gram"),
    ("50mph", "mile per hour"),
    ("80 km/h", "kilometre per hour"),
    ("20 mpg", "mile per gallon"),
    ("eight years", "year"),
    ("3 hours", "hour"),
    ("4.3s", "second"),
    ("500 degrees Celsius", "degree Celsius"),
    ("5.5kWh", "kilowatt hour"),
    ("640bhp", "brake horsepower"),
    ("64GB", "gigabyte"),
    ("120Hz", "hertz"),
    ("15 ppb", "part per billion"),
    ("6.5 times", "times"),
    ("18-fold", "times"),
    ("50 year-old", "year"),
    ("twenty working days", "day"),
    ("3.23 shekels", "Israeli shekel"),
    ("7.5 million Danish crowns", "Danish krone"),
    ("1,200€", "euro"),
    ("19 cents", "cent"),
    ("300,000 Kenyan shillings", "Kenyan shilling"),
    ("5 billion zloty", "Polish zloty"),
    ("12 billion forints", "Hungarian forint"),
    ("40 billion taka", "Bangladeshi taka"),
])
def test_units_after_a_number(text, unit):
    lexes = lex(text)
    num_end = 1
    while num_end < len(lexes) and lexes[num_end].low in ("million", "billion", ","):
        num_end += 1
    got = unit_after(lexes, num_end, scaled=num_end > 1)
    assert got is not None and got.unit.name == unit


@pytest.mark.parametrize("text", ["1990s", "Model 3s", "5 w", "5 g", "4 C.J. Smith"])
def test_letters_that_are_not_units(text):
    """"s" is seconds only after decimals ("4.3s"), "g" only against the number, "C" not before a name."""
    lexes = lex(text)
    i = next(k for k, x in enumerate(lexes) if x.is_digits)
    assert unit_after(lexes, i + 1) is None


@pytest.mark.parametrize("text, currency", [
    ("$5", "dollar"),
    ("US$5", "US dollar"),
    ("US $5", "US dollar"),
    ("$US5", "US dollar"),
    ("HK$5", "Hong Kong dollar"),
    ("A$5", "Australian dollar"),
    ("£5", "pound sterling"),
    ("PS8", "pound sterling"),
    ("€5", "euro"),
    ("¥5", "Japanese yen"),
    ("Y=28", "Japanese yen"),
    ("USD10", "US dollar"),
    ("RM23", "Malaysian ringgit"),
    ("₹5", "Indian rupee"),
    # codes news in India, Malaysia, Indonesia, Bangladesh, Kenya write apart from the number too
    ("Rs 1,250", "Indian rupee"),
    ("Rs. 3.5", "Indian rupee"),
    ("RM 4.5", "Malaysian ringgit"),
    ("Rp 5", "Indonesian rupiah"),
    ("Tk 1,800", "Bangladeshi taka"),
    ("KSh 2.3", "Kenyan shilling"),
    ("Ksh2.3", "Kenyan shilling"),
    ("₦40", "Nigerian naira"),
    ("₱250", "Philippine peso"),
    ("Dh3.50", "UAE dirham"),
])
def test_currencies_before_a_number(text, currency):
    lexes = lex(text)
    i = next(k for k, x in enumerate(lexes) if x.is_digits)
    got = currency_before(lexes, i)
    assert got is not None and got.unit.name == currency


# ---------------------------------------------------------------- the real pipeline


def figures(nlp, text: str) -> list[Figure]:
    return extract_figures(nlp(text))


def one(nlp, text: str) -> Figure:
    got = figures(nlp, text)
    assert len(got) == 1, [f.text for f in got]
    return got[0]


@pytest.mark.parametrize("text, value, unit", [
    ("The bridge cost $1.2bn to build.", 1_200_000_000, "dollar"),
    ("The charity raised £14k in a week.", 14_000, "pound sterling"),
    ("Half a million people signed the petition.", 500_000, None),
    ("The rate rose to 3.5 per cent.", 3.5, "percentage"),
    ("The town is eight miles away.", 8, "mile"),
    ("The yacht was sold for USD10m.", 10_000_000, "US dollar"),
    ("Tickets cost HK$5.4m in total.", 5_400_000, "Hong Kong dollar"),
    ("The deficit reached $-50.8bn.", -50_800_000_000, "dollar"),
    ("Temperatures fell to minus 12 degrees Celsius.", -12, "degree Celsius"),
    ("Only one out of four voters turned out.", 0.25, None),
    ("One in five adults smokes.", 0.2, None),
    ("The airline flew 4.3m passengers.", 4_300_000, None),
    ("The tower is 37m tall.", 37, "metre"),
    ("Brent crude traded at $84.50 a barrel.", 84.5, "dollar per barrel"),
    ("Growth was 4.5 per cent a year earlier.", 4.5, "percentage"),
])
def test_values_and_units_in_sentences(nlp, text, value, unit):
    f = one(nlp, text)
    assert f.value == value and f.unit == unit


@pytest.mark.parametrize("text, value, unit, counts", [
    ("The company posted a net profit of Rs 1,250 crore in the quarter.", 12_500_000_000, "Indian rupee",
     "net profit"),
    ("The state paid a subsidy of Rs 3.5 lakh.", 350_000, "Indian rupee", "subsidy"),
    ("The government approved RM 4.5 billion for flood relief.", 4_500_000_000, "Malaysian ringgit", "government"),
    ("The budget allocates Rp 5 trillion to schools.", 5_000_000_000_000, "Indonesian rupiah", "budget"),
    ("The company reported a profit of $5m.", 5_000_000, "dollar", "profit"),
    ("Winds of up to 90 mph hit the coast.", 90, "mile per hour", "Winds"),
])
def test_amounts_as_news_in_other_countries_writes_them(nlp, text, value, unit, counts):
    """The currency codes each country's press uses, and what the amount is of (never the figure's own words)."""
    f = one(nlp, text)
    assert (f.value, f.unit, f.counts) == (value, unit, counts)
    assert f.text[-1].isalnum()  # "$5m." ends the sentence: its period is not the figure's


@pytest.mark.parametrize("text, low, high, unit", [
    ("Prices will rise between 252 and 287 dollars.", 252, 287, "dollar"),
    ("The storm brought winds of 15-22 mph.", 15, 22, "mile per hour"),
    ("Fees range from 1 per cent to 1.5 per cent.", 1, 1.5, "percentage"),
    ("The deal is worth $89 to $93 billion.", 89_000_000_000, 93_000_000_000, "dollar"),
    ("Between 1 and 2 thousand fans waited outside.", 1000, 2000, None),
    ("The hike takes three or four hours.", 3, 4, "hour"),
    ("Thousands of farmers marched on the capital.", 1000, 10_000, None),
])
def test_ranges(nlp, text, low, high, unit):
    f = one(nlp, text)
    assert f.value == {"low": low, "high": high} and f.unit == unit


@pytest.mark.parametrize("text, approx", [
    ("About 300 people attended the vigil.", "about"),
    ("Roughly 40 homes were flooded.", "about"),
    ("The journey took almost eight years.", "almost"),
    ("Nearly 60 ships waited at anchor.", "almost"),
    ("More than 14,000 people have died.", "more than"),
    ("Over 500 flights were cancelled.", "more than"),
    ("Fewer than 20 seats remain.", "less than"),
    ("The bridge is just under 30 metres long.", "less than"),
    ("At least 12 miners were rescued.", "at least"),
    ("The grant is worth up to $8 million.", "up to"),
    ("As many as 40 trucks crossed the border.", "up to"),
    ("The town lies some 160 miles north of the border.", "about"),
    ("The survey reached 50 or more schools.", "at least"),
    ("The wage will rise over five years.", None),
])
def test_approximators(nlp, text, approx):
    assert one(nlp, text).approx == approx
    assert approx is None or approx in APPROX_VOCAB


@pytest.mark.parametrize("text, approx", [
    ("Shares in the carmaker rose 3% on Monday.", "up"),
    ("The index fell by 200 points.", "down"),
    ("The company's profit jumped 45 per cent.", "up"),
    ("Exports were down 9.2% year on year.", "down"),
    ("The stock was up 19 cents.", "up"),
    ("Unemployment dropped by a third.", "down"),
    ("The airline cut its forecast by 5%.", "down"),
    ("Gold: +0.8% on the day.", "up"),
])
def test_changes(nlp, text, approx):
    f = one(nlp, text)
    assert f.change == approx and f.approx is None


@pytest.mark.parametrize("text, approx, change", [
    ("Tesla shares were up nearly 57% this year.", "almost", "up"),
    ("Qualcomm rose under 4% on the news.", "less than", "up"),
    ("Exports fell more than 3% in May.", "more than", "down"),
    ("The index was down about 2 per cent.", "about", "down"),
    ("About 300 people attended the vigil.", "about", None),
])
def test_approximation_and_change_are_separate_fields(nlp, text, approx, change):
    f = one(nlp, text)
    assert (f.approx, f.change) == (approx, change)


@pytest.mark.parametrize("text, value, change", [
    # a move keeps the text's order, [from, to]: the order is the direction
    ("Membership fell from 2,415 to 2,315 last year.", (2415, 2315), None),
    ("He lost weight, dropping from 208 pounds to 193.", (208, 193), None),
    ("Horsepower jumped from 240 to 273.", (240, 273), None),
    ("Growth slowed sharply from 4.8 to 4.7 percent.", (4.8, 4.7), None),
    # a word or two qualifying the first measure does not break the move
    ("The fuel economy climbed from 21 mpg combined to 23 for the base model.", (21, 23), None),
    ("His weight dropped from 208 pounds previously to 193.", (208, 193), None),
    # real ranges stay {low, high}
    ("Between 250 and 300 jobs will be created.", {"low": 250, "high": 300}, None),
    ("Prices range from $370,000 to $5.5 million.", {"low": 370_000, "high": 5_500_000}, None),
    ("Fees run from 1 per cent to 1.5 per cent.", {"low": 1, "high": 1.5}, None),
])
def test_a_move_keeps_its_order_and_a_range_is_low_high(nlp, text, value, change):
    f = one(nlp, text)
    assert f.value == value and f.change == change


@pytest.mark.parametrize("text, level", [
    ("Shares rose 4 per cent to $13.60.", 13.6),
    ("Revenue climbed to $7.4 billion.", 7_400_000_000),
])
def test_a_level_after_a_move_is_not_a_change(nlp, text, level):
    f = next(f for f in figures(nlp, text) if f.value == level)
    assert f.approx is None


@pytest.mark.parametrize("text, value, counts", [
    ("Russia has moved 90,000 troops to the border.", 90_000, "troops"),
    ("The fighting has left more than 14,000 dead.", 14_000, "dead"),
    ("Thousands of Russian troops remain near the border.", {"low": 1000, "high": 10_000}, "troops"),
    ("The firm cut about 5% of its workforce.", 5, "workforce"),
    ("A third of the voters stayed at home.", pytest.approx(1 / 3, rel=1e-6), "voters"),
    ("Tesla shares jumped 8.5% on Friday.", 8.5, "Tesla shares"),
    ("Meanwhile Blackmores up 9.4 per cent.", 9.4, "Blackmores"),
    ("The council will pay a fine of $3 million.", 3_000_000, "fine"),
    ("At least 35 were injured in the blaze.", 35, "injured"),
    ("The flood killed 170 and left thousands homeless.", 170, "killed"),
    ("The line runs at a depth of 10km.", 10, "depth"),
])
def test_what_is_counted(nlp, text, value, counts):
    f = next(f for f in figures(nlp, text) if f.value == value)
    assert f.counts is not None and counts.split()[-1] in f.counts


@pytest.mark.parametrize("text, value, counts", [
    # the number's own noun, not the sentence's subject
    ("The port will handle turbines with blades nearly 110 metres long.", 110, "blades"),
    ("The town built a wall 3 metres high around the harbour.", 3, "wall"),
    ("The port will take turbine blades of nearly 110 metres.", 110, "blades"),
    ("Operators expect 5% growth next year.", 5, "growth"),
    # a subject who says or thinks is a source, not what is measured
    ("The pilot said fuel costs had risen 12 per cent.", 12, "fuel costs"),
    ("Operators say the market will grow 5%.", 5, "market"),
    ("Operators believe there is room for 5% more.", 5, None),
    ("The pilot said to expect 12 per cent more next year.", 12, None),
    ("The council said it would get at least $85 million a year.", 85_000_000, None),
    # "ones" only refers back: nothing rather than a wrong thing
    ("Between 250 and 300 permanent ones will follow.", {"low": 250, "high": 300}, None),
    # a duration counts nothing the text does not name
    ("The plant will close in three months.", 3, None),
    ("The repairs will take three months.", 3, "repairs"),
    ("She has lived in the village for more than 60 years.", 60, None),
    # a measuring participle describes the noun before it, not the clause's subject
    ("The firm faces claims, ranging from $200 to $4 million, from its clients.", {"low": 200, "high": 4_000_000},
     "claims"),
    ("Osler has 59 users with claims, ranging from $200 to $4 million.", {"low": 200, "high": 4_000_000}, "claims"),
    ("The courier takes parcels weighing up to 2kg.", 2, "parcels"),
    # a clause hung on "up"/"down" has the subject of the clause "up" is in
    ("Tesla shares have been on a tear, up nearly 57% after plummeting 65% during the rout.", 65, "Tesla shares"),
    ("The stock has had a good week, up 3% after sliding 12% last month.", 12, "stock"),
    ("Bank stocks have recovered, up 4% after falling 10% in March.", 10, "Bank stocks"),
    # a conversion in brackets counts what the figure it converts counts, or nothing
    ("The glacier shrank 400 metres (1,312 feet) last year.", 1312, None),
])
def test_what_a_figure_counts_comes_from_the_parse_or_is_null(nlp, text, value, counts):
    f = next(f for f in figures(nlp, text) if f.value == value)
    assert f.counts == counts if counts is None else (f.counts is not None and counts.split()[-1] in f.counts)


@pytest.mark.parametrize("text, value, per", [
    ("The airport handles 40,000 passengers a day.", 40_000, "day"),
    ("Schools receive about £690 per pupil.", 690, "pupil"),
    ("The council will get at least $85 million a year from the state.", 85_000_000, "year"),
    ("Brent crude traded at $84.50 a barrel.", 84.5, "barrel"),
    ("The lab runs three thousand tests per day.", 3000, "day"),
    ("Growth was 4.5 per cent a year earlier.", 4.5, None),
    ("The firm hired 40 people a year ago.", 40, None),
    ("The club sold 500 tickets.", 500, None),
])
def test_rates_say_what_they_are_per(nlp, text, value, per):
    f = next(f for f in figures(nlp, text) if f.value == value)
    assert f.per == per
    assert per is None or f.unit is None or f.unit.endswith(f" per {per}")


@pytest.mark.parametrize("text, value, unit", [
    ("The board approved a $3.4 billion budget.", 3_400_000_000, "dollar"),
    ("It was a $5 ticket.", 5, "dollar"),
    ("The club paid A$3.4 million for the site.", 3_400_000, "Australian dollar"),
])
def test_a_before_a_dollar_sign_is_the_article(nlp, text, value, unit):
    f = one(nlp, text)
    assert (f.value, f.unit) == (value, unit) and not f.text.lower().startswith("a ")


@pytest.mark.parametrize("text, values", [
    ("One season ticket holder said the club had let fans down.", []),
    ("One of the fans told reporters the price was too high.", []),
    ("One resident said the water was rising.", []),
    ("One person died in the crash.", [1]),
    ("One of the victims was a child.", [1]),
    ("One proposal asks the board to stop the sale.", [1]),
])
def test_a_lone_one_before_a_speaker_is_not_a_figure(nlp, text, values):
    assert [f.value for f in figures(nlp, text)] == values


@pytest.mark.parametrize("text", [
    "The treaty was signed in 2014.",
    "The talks ended on March 3.",
    "The meeting starts at 10:30 a.m. on Friday.",
    "The train leaves at 5pm.",
    "Units of the 41st army stayed in the town.",
    "Call the hotline on 020 7946 0000 for help.",
    "For details, see page 12 of the report.",
    "The storm is a category 4 hurricane.",
    "She drives a Model 3 to work.",
    "The FTSE 100 closed higher.",
    "Cases of COVID-19 rose.",
    "Boeing delivered the 787 Dreamliner late.",
    "United won the match 2-0.",
    "The office is at 575 Wilbraham Road.",
    "Jamie Armstrong, 25, said she was shocked.",
    "They met one another at university.",
    "One day, the river burst its banks.",
    "The party split 52 to 48 on the motion.",
    "United beat City 3-1 at home.",
    "It was the first time the team had won.",
    "The file is sales_report-2002.xlsx on the server.",
    "The rocket left from Launch Pad 39A.",
])
def test_not_figures(nlp, text):
    assert figures(nlp, text) == []


@pytest.mark.parametrize("text, value, counts", [
    ("The plant employs 1500 workers.", 1500, "workers"),
    ("The study followed 1709 schoolchildren.", 1709, "schoolchildren"),
])
def test_a_year_counting_things_is_a_figure(nlp, text, value, counts):
    f = one(nlp, text)
    assert f.value == value and f.counts == counts
    assert extract_dates(nlp(text), None) == []


@pytest.mark.parametrize("text, title, values", [
    ("Council approves $3.4 billion budget\n\nThe council approved a $3.4 billion budget on Monday.",
     "Council approves $3.4 billion budget", [3_400_000_000]),
    ("40,000 jobs at risk\n\nUp to 40,000 jobs could go, the union said.", "40,000 jobs at risk", [40_000]),
    # a headline figure the body does not repeat stays; without a title nothing is dropped
    ("Port to hire 300 staff\n\nThe port will also spend $5m.", "Port to hire 300 staff", [300, 5_000_000]),
    ("Council approves $3.4 billion budget\n\nThe council approved a $3.4 billion budget on Monday.", None,
     [3_400_000_000, 3_400_000_000]),
])
def test_a_headline_repeated_by_the_body_gives_the_figure_once(nlp, text, title, values):
    got = headline_repeats(text, title, extract_figures(nlp(text)))
    assert [f.value for f in got] == values
    if title and len(values) == 1:
        assert got[0].span[0] > len(title)  # the body's figure, with the body's sentence


@pytest.mark.parametrize("text, unit, unit_text", [
    ("Two-, three- and four-bedroom homes will be built.", None, "bedroom"),
    ("The list has four-, five- and six-cylinder engine options.", None, "cylinder"),
    ("It offers 5-, 10- or 20-kilogram bags.", "kilogram", "-kilogram"),
    ("The firm sells 16- and 32-gigabyte models.", "gigabyte", "-gigabyte"),
])
def test_a_number_left_hanging_on_a_hyphen_shares_the_unit_of_its_list(nlp, text, unit, unit_text):
    got = figures(nlp, text)
    assert len(got) >= 2 and all((f.unit, f.unit_text) == (unit, unit_text) for f in got)


@pytest.mark.parametrize("text, approx, change", [
    ("The engine makes just under 296 hp (224 kW).", "less than", None),
    ("Sea temperatures fell by 2 degrees Celsius (3.6 Fahrenheit) in a decade.", None, "down"),
    ("The glacier shrank 400 metres (1,312 feet) last year.", None, "down"),
    ("Output rose about 3 million tonnes (3.3 million tons).", "about", "up"),
])
def test_conversion_in_brackets_shares_approx_and_change(nlp, text, approx, change):
    got = figures(nlp, text)
    assert len(got) == 2 and all((f.approx, f.change) == (approx, change) for f in got)


def test_figure_text_and_span_point_into_the_text(nlp):
    text = "Officials said about 160 miles of road were closed."
    f = one(nlp, text)
    assert f.text == "about 160 miles" and text[f.span[0]:f.span[1]] == f.text
    assert f.sentence == text


def test_seed_article_figures(sheet_of, shared):
    """Every figure of the seed article, and nothing else that the gold does not allow."""
    sys.path.insert(0, str(shared / "tools"))
    import score

    article = shared / "corpus" / "articles" / "kremlin-troops-border.txt"
    gold = score.load_yaml(shared / "corpus" / "gold" / "kremlin-troops-border.yaml")
    sheet = sheet_of(article.read_text(encoding="utf-8"))
    res = score.score_figures([f.to_dict() for f in sheet.figures], gold)
    assert res["f1"] == 1.0, (res["misses"], res["extra"])


def test_approx_vocabulary_matches_schema():
    from generator.sheets.validate import schema

    approx = schema()["$defs"]["figure"]["properties"]["approx"]
    enum = [x for alt in approx.get("anyOf", [approx]) for x in alt.get("enum", [])]
    assert [x for x in enum if x is not None] == list(APPROX_VOCAB)


def test_figure_fields_match_schema():
    from generator.sheets.validate import schema

    props = set(schema()["$defs"]["figure"]["properties"])
    f = Figure(text="5%", value=5, unit="percentage", unit_text="%", approx="about", change="up", per="day",
               counts="x", reviewed=True)
    assert set(f.to_dict()) == props
    assert Figure.from_dict(f.to_dict()) == f


@pytest.mark.parametrize("old, approx, change", [
    ({"text": "up 3%", "value": 3, "approx": "up"}, None, "up"),
    ({"text": "fell 3%", "value": 3, "approx": "down"}, None, "down"),
    ({"text": "about 3%", "value": 3, "approx": "about"}, "about", None),
    ({"text": "up about 3%", "value": 3, "approx": "about", "change": "up"}, "about", "up"),
])
def test_older_sheets_with_the_direction_in_approx_still_load(old, approx, change):
    f = Figure.from_dict(old)
    assert (f.direction, f.per) == (change, None)
    assert f.to_dict() == {"unit": None, "unit_text": None, "counts": None, "sentence": "", "span": None, **old}


def test_a_move_round_trips_as_a_pair_in_order():
    f = Figure.from_dict({"text": "from 2,415 to 2,315", "value": [2415, 2315]})
    assert f.value == (2415, 2315) and f.to_dict()["value"] == [2415, 2315]
    assert Figure.from_dict(f.to_dict()) == f


_PIECES = ["$", "£", "US", "PS", "5", "5.5", "1,000", "251,000", "-", "to", "from", "between", "and", "about", "%",
           "per cent", "half", "million", "bn", "m", "km", "year", "ago", "May", "Friday", "2014", "1990s", "Q3",
           "12/25", "3rd", "twenty", "first", "(", ")", ",", ".", "x", "10", "−", "+", "one", "in", "five", "dozens",
           "/", "⁄", "½", "°", "C", "p", ":", "\n\n", "Feb", "29", "week", "end of", "mid"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", " "])), min_size=1, max_size=14))
def test_any_text_gives_figures_and_dates_whose_spans_index_it(nlp, pieces):
    """Whatever the text, extraction does not fail, and every span points at its own text."""
    text = "".join(p + sep for p, sep in pieces)
    doc = nlp(text)
    for f in extract_figures(doc):
        assert text[f.span[0]:f.span[1]] == f.text
    for published in (dt.date(2020, 2, 29), None):
        for d in extract_dates(doc, published):
            assert text[d.span[0]:d.span[1]] == d.text


# --- the patterns that block numbers (times, phones, codes): fast forms, the same matches -----------------

#: Texts with every kind of blocked number, in upper and lower case, next to figures that are not blocked.
BLOCKED_TEXTS = [
    "At 10:30 a.m. (or 10.30pm, 5 PM, 7a.m.) and at three o'clock, Eleven O’Clock, 1400 GMT, 9 CET, 0900 et.",
    "Call +44 20 7946 0958, (020) 7946 0958 or (01632) 960 001 or 555-123-4567 or 020 7946 0958, "
    "phone: 0800 123 456 or Tel. 123 456 789.",
    "See https://example.com/a_1, www.example.org, jane.doe@example.co.uk, report.PDF, SW1A 1AA, 192.168.0.1.",
    "Files 2019_report_v2, x9_y, a_b9, 9_, _9, ab12cd_ef 3_4_5, $5_000 and 300 people, 12.5% of 1,200.",
    "TEXT 0800 555 1234; DIAL 999 now; ring 0161 496 0000; FAX 020 7946 0000; the ſix o'clock news; 12 noon",
]


@pytest.mark.parametrize("text", BLOCKED_TEXTS)
@pytest.mark.parametrize("name", ["_TIME", "_PHONE", "_CODE"])
def test_blocking_patterns_find_what_their_forms_find(name, text):
    """Each pattern is its forms joined, tried only where a form can start: the same matches as the plain join."""
    from generator.extract.figures import quantities

    flags = getattr(quantities, name).flags if name != "_CODE" else 0
    found = quantities._codes(text) if name == "_CODE" else getattr(quantities, name).finditer(text)
    plain = re.compile("|".join(getattr(quantities, f"{name}_FORMS")), flags)
    assert [m.span() for m in found] == [m.span() for m in plain.finditer(text)]


#: Texts with one kind of code each, or none: the code forms a text can't match are left out of the search.
ONE_CODE_TEXTS = ["Mail jane@example.uk by May 2.", "Mail jane@example.org by May 2.",
                  "See www.example.com for 3 maps.", "File v2_final has 9 pages.",
                  "Post to SW1A 1AA or 2 other places.", "Host 10.0.0.1 took 5 s.", "Open report.pdf, 12 pages.",
                  "Go to http://x.io now.", "No code here, 14,000 people and 3.5% of 1,200.", ""]


@pytest.mark.parametrize("text", [*BLOCKED_TEXTS, *ONE_CODE_TEXTS])
def test_codes_found_by_the_forms_a_text_can_match_are_those_all_forms_find(text):
    from generator.extract.figures import quantities

    plain = re.compile("|".join(quantities._CODE_FORMS))
    assert [m.span() for m in quantities._codes(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("name", ["_TIME", "_PHONE", "_CODE"])
def test_every_blocking_form_has_a_text_in_the_table(name):
    """So that the test above sees every form match (and fail where a form starts with an unforeseen character)."""
    from generator.extract.figures import quantities

    flags = getattr(quantities, name).flags if name != "_CODE" else 0
    for form in getattr(quantities, f"{name}_FORMS"):
        assert any(re.search(form, text, flags) for text in BLOCKED_TEXTS), form


def test_every_code_form_has_a_text_of_its_own():
    """Each form is the only one its text can match, so the search with that form alone is tried."""
    from generator.extract.figures import quantities

    alone = {tuple(i for i, need in enumerate(quantities._CODE_NEEDS) if need.search(t)) for t in ONE_CODE_TEXTS}
    assert {(i,) for i in range(len(quantities._CODE_FORMS))} <= alone


@pytest.mark.parametrize("text", [*BLOCKED_TEXTS, "a1_", "1_", "_1", "a_1_b", "ab_cd", "12 34_56", "x1y2_z3__ q9_"])
def test_the_underscore_code_form_matches_as_the_backtracking_one(text):
    """The code form for "a digit, then an underscore" is ``\\S*\\d+\\S*_\\S*`` without the backtracking: at every
    position, the same match (to the end of the run of non-spaces) or none."""
    from generator.extract.figures import quantities

    fast, slow = re.compile(quantities._CODE_FORMS[4]), re.compile(r"\S*\d+\S*_\S*")
    for i in range(len(text) + 1):
        got, want = fast.match(text, i), slow.match(text, i)
        assert (got and got.span()) == (want and want.span()), (text, i)
