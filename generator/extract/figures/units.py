"""Units and currencies: how news text writes them, and the normalized name a fact sheet uses.

Normalized names are singular and lower-case except proper adjectives ("US dollar", "degree
Celsius"); compound units read "X per Y" ("mile per hour", "dollar per barrel"). They follow the
unit names of the NewsQuant benchmark's ontology where it has one, so results compare with
published extractors: a percentage is "percentage", "$" is "dollar" (the text does not say
which dollar), "US$" is "US dollar".

The tables are plain text, one unit a line: ``surface | surface ... = name ; kind ; flags``.
Flags: ``cs`` matches case-sensitively ("M", "W", "C"); ``tight`` only when written against
the number ("37m", "45g"), never after a space, where the letter is more likely a word; ``loose``
only after a space ("1.3 A", not "Pad 39A"); ``decimal`` only after decimals ("4.3s", not "1990s");
``scaled`` only after a scale word ("2 trillion won").
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.extract.figures.numbers import Lex, lex

_UNITS = """
% | per cent | percent | per-cent | pct | percentage | percentage-point = percentage ; percent
pc | pc. = percentage ; percent ; tight
percentage points | percentage point | percent points | per cent points | ppts | pp = percentage point ; percent
basis points | basis point | bps | bp = basis point ; percent
points | point | pts = point ; other
dollars | dollar | bucks = dollar ; currency
US dollars | U.S. dollars | US dollar | U.S. dollar = US dollar ; currency
Australian dollars | Australian dollar = Australian dollar ; currency
Canadian dollars | Canadian dollar = Canadian dollar ; currency
New Zealand dollars | New Zealand dollar = New Zealand dollar ; currency
Hong Kong dollars | Hong Kong dollar = Hong Kong dollar ; currency
Singapore dollars | Singapore dollar = Singapore dollar ; currency
Taiwan dollars | Taiwanese dollars | New Taiwan dollars = Taiwan dollar ; currency
euros | euro | € | EUR = euro ; currency
pounds sterling | pound sterling | sterling | GBP | £ = pound sterling ; currency
yen | JPY | ¥ = Japanese yen ; currency
yuan | renminbi | CNY | RMB = Chinese yuan ; currency
rupees | rupee | INR = Indian rupee ; currency
shekels | shekel | NIS | ILS | ₪ = Israeli shekel ; currency
Danish crowns | Danish kroner | Danish krone | DKK = Danish krone ; currency
Swedish crowns | Swedish kronor | Swedish krona | kronor | SEK = Swedish krona ; currency
Norwegian crowns | Norwegian kroner | Norwegian krone | NOK = Norwegian krone ; currency
Czech crowns | Czech korunas | CZK = Czech koruna ; currency
roubles | rubles | rouble | ruble | RUB | ₽ = Russian rouble ; currency
pesos | peso = peso ; currency
francs | Swiss francs | franc | CHF = Swiss franc ; currency
lira | liras | lire | TRY = Turkish lira ; currency
naira = Nigerian naira ; currency
ringgit | MYR = Malaysian ringgit ; currency
baht = Thai baht ; currency
rupiah = Indonesian rupiah ; currency
rand | ZAR = South African rand ; currency
dirhams | dirham | AED = UAE dirham ; currency
riyals | riyal | SAR = Saudi riyal ; currency
won | KRW | ₩ = South Korean won ; currency ; scaled
kuna | kn = Croatian kuna ; currency
reais | real | BRL = Brazilian real ; currency
hryvnias | hryvnia | UAH = Ukrainian hryvnia ; currency
Kenyan shillings | Kenya shillings | KES = Kenyan shilling ; currency
shillings | shilling = shilling ; currency
taka | BDT = Bangladeshi taka ; currency
Pakistani rupees | PKR = Pakistani rupee ; currency
Sri Lankan rupees | LKR = Sri Lankan rupee ; currency
Philippine pesos | PHP = Philippine peso ; currency
Mexican pesos | MXN = Mexican peso ; currency
dong | VND = Vietnamese dong ; currency
zloty | zlotys | PLN = Polish zloty ; currency
forints | forint | HUF = Hungarian forint ; currency
cedis | cedi | GHS = Ghanaian cedi ; currency
kwacha = kwacha ; currency
Egyptian pounds | EGP = Egyptian pound ; currency
bitcoins | bitcoin | BTC = bitcoin ; currency
USD = US dollar ; currency
AUD = Australian dollar ; currency
CAD = Canadian dollar ; currency
HKD = Hong Kong dollar ; currency
cents | cent | ¢ = cent ; currency
pence | penny = penny ; currency
p = penny ; currency ; cs
sen = sen ; currency
millimetres | millimeters | millimetre | millimeter | mm = millimetre ; length
centimetres | centimeters | centimetre | centimeter | cm = centimetre ; length
metres | meters | metre | meter | mtrs = metre ; length
m = metre ; length ; cs
kilometres | kilometers | kilometre | kilometer | kms | km | klicks = kilometre ; length
micrometres | micrometers | micrometre | micrometer | microns | micron | μm | µm = micrometre ; length
nanometres | nanometers | nanometre | nanometer | nm = nanometre ; length
miles | mile | mi = mile ; length
nautical miles | nautical mile | nm. = nautical mile ; length
light years | light-years | light year | light-year = light year ; length
yards | yard | yds | yd = yard ; length
feet | foot | ft = foot ; length
inches | inch | in. | ″ = inch ; length
square metres | square meters | square metre | square meter | sq m | sqm | sq. m | m2 | m² = square metre ; area
square kilometres | square kilometers | square kilometre | square kilometer = square kilometre ; area
sq km | km2 | km² = square kilometre ; area
square miles | square mile | sq mi | sq miles = square mile ; area
square feet | square foot | sq ft | sq. ft | sq. ft. | sqft | ft2 | ft² = square foot ; area
square inches | square inch | sq in = square inch ; area
square centimetres | square centimeters | sq cm | cm2 | cm² = square centimetre ; area
acres | acre = acre ; area
hectares | hectare | ha = hectare ; area
litres | liters | litre | liter | ltr = litre ; volume
l | L = litre ; volume ; tight cs
millilitres | milliliters | millilitre | milliliter | ml | mL = millilitre ; volume
cubic metres | cubic meters | cubic metre | cubic meter | m3 | m³ = cubic metre ; volume
cubic feet | cubic foot | cu ft = cubic foot ; volume
cubic centimetres | cubic centimeters | cc = cubic centimetre ; volume
gallons | gallon | gal = gallon ; volume
barrels | barrel | bbl = barrel ; volume
pints | pint = pint ; volume
quarts | quart = quart ; volume
fluid ounces | fluid ounce | fl oz = fluid ounce ; volume
kilograms | kilogrammes | kilogram | kilogramme | kilos | kilo | kg | kgs = kilogram ; mass
grams | grammes | gram | gramme | gm = gram ; mass
g = gram ; mass ; tight cs
milligrams | milligram | mg = milligram ; mass
micrograms | microgram | mcg | μg | µg = microgram ; mass
tonnes | tonne | metric tons | metric ton = tonne ; mass
tons | ton = ton ; mass
pounds | pound | lbs | lb = pound ; mass
ounces | ounce | oz = ounce ; mass
carats | carat = carat ; mass
stone = stone ; mass
miles per hour | miles an hour | mile per hour | mph = mile per hour ; speed
kilometres per hour | kilometers per hour | kilometres an hour | kilometers an hour = kilometre per hour ; speed
km/h | km/hr | kph | kmh | kmph = kilometre per hour ; speed
metres per second | meters per second | m/s = metre per second ; speed
knots | knot | kts = knot ; speed
miles per gallon | mpg = mile per gallon ; other
milliseconds | millisecond | ms = millisecond ; time
seconds | second | secs | sec = second ; time
s = second ; time ; tight cs decimal
minutes | minute | mins | min = minute ; time
hours | hour | hrs | hr = hour ; time
h = hour ; time ; tight cs
days | day | working days | business days | working day | business day = day ; time
weeks | week | wks = week ; time
fortnights | fortnight = fortnight ; time
months | month = month ; time
years | year | yrs | yr = year ; time
decades | decade = decade ; time
centuries | century = century ; time
millennia | millennium = millennium ; time
year-old | years-old | years old | year old | -year-old = year ; age
month-old | months-old | months old | month old = month ; age
week-old | weeks-old | weeks old | week old = week ; age
day-old | days-old | days old | day old = day ; age
degrees Celsius | degrees celsius | degree Celsius | degrees centigrade = degree Celsius ; temperature
°C | ºC | Celsius | celsius | centigrade = degree Celsius ; temperature
C = degree Celsius ; temperature ; cs
degrees Fahrenheit | degrees fahrenheit | degree Fahrenheit = degree Fahrenheit ; temperature
°F | ºF | Fahrenheit | fahrenheit = degree Fahrenheit ; temperature
F = degree Fahrenheit ; temperature ; cs
degrees Kelvin | kelvin = kelvin ; temperature
degrees | degree | ° | º = degree ; angle
watts | watt | W = watt ; power ; cs
kilowatts | kilowatt | kW | KW | kw = kilowatt ; power
megawatts | megawatt | MW | mw = megawatt ; power
gigawatts | gigawatt | GW | gw = gigawatt ; power
terawatts | terawatt | TW = terawatt ; power
watt hours | watt-hours | Wh = watt hour ; energy
kilowatt hours | kilowatt-hours | kilowatt hour | kilowatt-hour | kWh | KWh | kwh = kilowatt hour ; energy
megawatt hours | megawatt-hours | MWh | mwh = megawatt hour ; energy
gigawatt hours | gigawatt-hours | GWh | gwh = gigawatt hour ; energy
terawatt hours | terawatt-hours | TWh | twh = terawatt hour ; energy
milliamp hours | milliampere hours | mAh = milliampere hour ; energy
horsepower | hp | HP = horsepower ; power
brake horsepower | bhp = brake horsepower ; power
PS = metric horsepower ; power ; cs
newton metres | newton meters | newton-metres | Nm = newton metre ; torque
pound-feet | pound feet | lb-ft | lb ft | lb.-ft. = pound-foot ; torque
volts | volt | V | kV | kilovolts = volt ; electric ; cs
amps | amperes | amp | ampere = ampere ; electric
A = ampere ; electric ; cs loose
joules | joule | J | kJ | kilojoules = joule ; energy ; cs
calories | calorie | kcal | cal = calorie ; energy
hertz | Hz | HZ | hz = hertz ; frequency
kilohertz | kHz | khz = kilohertz ; frequency
megahertz | MHz | mhz = megahertz ; frequency
gigahertz | GHz | ghz = gigahertz ; frequency
rpm | RPM | revolutions per minute = revolution per minute ; frequency
bytes | byte = byte ; data
kilobytes | kilobyte | KB | kB = kilobyte ; data ; cs
megabytes | megabyte | MB = megabyte ; data ; cs
gigabytes | gigabyte | GB | gigs = gigabyte ; data ; cs
terabytes | terabyte | TB = terabyte ; data ; cs
petabytes | petabyte | PB = petabyte ; data ; cs
bits | bit | b = bit ; data ; cs tight
megabits per second | Mbps | Mb/s = megabit per second ; data ; cs
gigabits per second | Gbps | Gb/s = gigabit per second ; data ; cs
pascals | Pa = pascal ; pressure ; cs
kilopascals | kPa = kilopascal ; pressure ; cs
megapascals | MPa = megapascal ; pressure ; cs
gigapascals | GPa = gigapascal ; pressure ; cs
psi = pound per square inch ; pressure
millibars | millibar | mb | hPa | hectopascals = millibar ; pressure
bar = bar ; pressure ; tight
decibels | decibel | dB | db = decibel ; sound
parts per million | ppm = part per million ; concentration
parts per billion | ppb = part per billion ; concentration
parts per trillion | ppt = part per trillion ; concentration
megapixels | megapixel | MP = megapixel ; other
times | -fold | fold = times ; ratio
"""

#: Currency written before the number, longest first is tried: "US$", "HK $", "$US", "£", "PS" (ASCII-folded £).
_PREFIX_CURRENCIES = """
US$ | US $ | U.S.$ | U.S. $ | $US | USD = US dollar
US = US dollar ; currency ; cs
A$ | AU$ | AUD | $A | AUS$ = Australian dollar
C$ | CA$ | CAD | Can$ = Canadian dollar
NZ$ | NZD | $NZ = New Zealand dollar
HK$ | HK $ | HKD = Hong Kong dollar
S$ | SGD = Singapore dollar
NT$ | TWD = Taiwan dollar
R$ | BRL = Brazilian real
$ = dollar
£ | GBP | Â£ = pound sterling
PS = pound sterling ; currency ; cs
€ | EUR = euro
¥ | JPY = Japanese yen
Y= | Y = Japanese yen ; currency ; cs
CNY | RMB = Chinese yuan
₹ | INR = Indian rupee
Rs | Rs. = Indian rupee ; currency ; cs
Rp | Rp. = Indonesian rupiah ; currency ; cs
Tk | Tk. = Bangladeshi taka ; currency ; cs
KSh | Ksh | Kshs = Kenyan shilling ; currency ; cs
₦ | NGN = Nigerian naira
₱ = Philippine peso
₺ = Turkish lira
₫ = Vietnamese dong
₴ = Ukrainian hryvnia
Dh | Dhs = UAE dirham ; currency ; cs
₩ | KRW = South Korean won
₽ | RUB = Russian rouble
₪ | NIS | ILS = Israeli shekel
MYR = Malaysian ringgit
RM = Malaysian ringgit ; currency ; cs
CHF | SFr = Swiss franc
"""


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    kind: str
    case_sensitive: bool = False
    tight: bool = False
    scaled: bool = False  # only after a scale word: "2 trillion won"
    decimal: bool = False  # only after a number with decimals: "4.3s" (but "1990s", "Model 3s")
    loose: bool = False  # only apart from the number: "1.3 A" (but "Pad 39A")


@dataclass(frozen=True, slots=True)
class UnitMatch:
    unit: Unit
    start: int  # lex index
    end: int  # lex index, exclusive


def _entries(table: str):
    for line in table.strip().splitlines():
        surfaces, _, rest = line.partition(" = ")
        parts = [p.strip() for p in rest.split(";")]
        name, kind = parts[0], (parts[1] if len(parts) > 1 else "currency")
        flags = parts[2].split() if len(parts) > 2 else []
        for surface in surfaces.split(" | "):
            surface = surface.strip()
            yield tuple(x.text for x in lex(surface)), Unit(name, kind, "cs" in flags, "tight" in flags,
                                                            "scaled" in flags, "decimal" in flags, "loose" in flags)


def _index(table: str) -> dict[tuple[str, ...], list[Unit]]:
    out: dict[tuple[str, ...], list[Unit]] = {}
    for key, unit in _entries(table):
        out.setdefault(key if unit.case_sensitive else tuple(k.lower() for k in key), []).append(unit)
    return out


UNITS = _index(_UNITS)
PREFIXES = _index(_PREFIX_CURRENCIES)
_MAX_UNIT = max(len(k) for k in UNITS)
_MAX_PREFIX = max(len(k) for k in PREFIXES)
#: The first piece of every currency written before a number, lower-cased: a quick test before a lookup.
PREFIX_STARTS = {k[0].lower() for k in PREFIXES}

#: Names of time units: a count of these is a duration.
TIME_UNITS = {"millisecond", "second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade",
              "century", "millennium"}


def _lookup(index: dict, texts: list[str]) -> Unit | None:
    key = tuple(texts)
    for unit in index.get(key, ()):
        if unit.case_sensitive:
            return unit
    for unit in index.get(tuple(t.lower() for t in key), ()):
        if not unit.case_sensitive:
            return unit
    return None


def _word_ends(lexes: list[Lex], j: int) -> bool:
    """Lex j-1 ends a word: the next lex is not a letter or digit glued to it ("kmh" is one word)."""
    return j >= len(lexes) or not lexes[j].tight or not (lexes[j].text[0].isalnum())


def unit_after(lexes: list[Lex], j: int, *, scaled: bool = False) -> UnitMatch | None:
    """The longest unit written from lex j on ("miles per hour", "km/h", "%"), or None."""
    if j >= len(lexes):
        return None
    # "6.1-inch", "1.8 billion-mile", "five-year": a hyphen joins the number to its unit
    if lexes[j].text == "-" and lexes[j].tight and j + 1 < len(lexes) and lexes[j + 1].tight:
        m = unit_after(lexes, j + 1, scaled=scaled)
        if m and m.unit.kind not in ("currency",) and len(lexes[j + 1].text) > 1:
            return UnitMatch(m.unit, j, m.end)
    for size in range(min(_MAX_UNIT, len(lexes) - j), 0, -1):
        texts = [x.text for x in lexes[j:j + size]]
        unit = _lookup(UNITS, texts)
        if unit is None:
            continue
        if (unit.tight and not lexes[j].tight) or (unit.loose and lexes[j].tight):
            continue
        if unit.scaled and not scaled:
            continue
        if unit.decimal and (j == 0 or "." not in lexes[j - 1].text):
            continue
        if not _word_ends(lexes, j + size):
            continue
        if size == 1 and len(texts[0]) == 1 and texts[0].isalpha() and _initials(lexes, j):
            continue  # "4 C.J. Smith": an initial, not a unit
        return UnitMatch(unit, j, j + size)
    return None


def _initials(lexes: list[Lex], j: int) -> bool:
    n = len(lexes)
    return j + 2 < n and lexes[j + 1].text == "." and lexes[j + 1].tight and lexes[j + 2].tight \
        and lexes[j + 2].text[:1].isalpha()


def currency_before(lexes: list[Lex], i: int) -> UnitMatch | None:
    """The currency written just before the number at lex i ("$", "US$", "HK $", "£", "USD"), or None."""
    for size in range(min(_MAX_PREFIX, i), 0, -1):
        texts = [x.text for x in lexes[i - size:i]]
        unit = _lookup(PREFIXES, texts)
        if unit is None:
            continue
        first = lexes[i - size]
        # letters-only codes must stand apart from a preceding word; "PS" and "Y" must touch the number
        if first.text[0].isalpha() and i - size > 0 and lexes[i - size - 1].tight \
                and lexes[i - size - 1].text[0].isalnum():
            continue
        if texts in (["PS"], ["Y"], ["US"], ["Dh"]) and not lexes[i].tight:
            continue  # (but "Rs 1,250 crore", "RM 4.5 billion", "Rp 5 trillion": codes news writes apart too)
        if size > 1 and len(first.text) == 1 and first.text.isalpha() and (
                not first.text.isupper() or not lexes[i - size + 1].tight):
            continue  # "approved a $3.4bn budget": "a" is the article, not the A of "A$"
        return UnitMatch(unit, i - size, i)
    return None
