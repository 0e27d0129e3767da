"""Country gazetteer for entity keys: ISO 3166 names from pycountry plus short forms, demonyms and capitals.

pycountry keeps the ISO names and codes; it has no demonyms, capitals or the short forms newsrooms write
("Britain", "Russia", "the U.S."), so those small tables live here, keyed by ISO alpha-2 code (data, no logic
beyond building the lookups once).
"""

from __future__ import annotations

from functools import cache

import pycountry

# names newsrooms use that pycountry's name / common_name / official_name do not hold
_SHORT_NAMES: dict[str, str] = {
    "US": "U.S.|US|USA|U.S.A.|America|United States of America|the States",
    "GB": "Britain|Great Britain|UK|U.K.",
    "RU": "Russia",
    "TR": "Turkey|Türkiye",
    "PS": "Palestine|Palestinian territories",
    "MK": "Macedonia",
    "CI": "Ivory Coast",
    "VA": "Vatican|Vatican City",
    "MM": "Burma",
    "NL": "Holland",
    "KR": "South Korea",
    "KP": "North Korea",
    "CD": "DR Congo|DRC|Democratic Republic of Congo",
    "AE": "UAE|U.A.E.|Emirates",
    "SY": "Syria",
    "IR": "Iran",
    "CZ": "Czech Republic",
}

# demonym (singular; the plural adds "s" unless listed) -> ISO alpha-2
_DEMONYMS: dict[str, str] = {
    "American": "US",
    "British": "GB",
    "Briton": "GB",
    "Russian": "RU",
    "Chinese": "CN",
    "Iranian": "IR",
    "Iraqi": "IQ",
    "Syrian": "SY",
    "Israeli": "IL",
    "Palestinian": "PS",
    "Lebanese": "LB",
    "Jordanian": "JO",
    "Saudi": "SA",
    "Emirati": "AE",
    "Qatari": "QA",
    "Kuwaiti": "KW",
    "Bahraini": "BH",
    "Omani": "OM",
    "Yemeni": "YE",
    "Egyptian": "EG",
    "Libyan": "LY",
    "Tunisian": "TN",
    "Algerian": "DZ",
    "Moroccan": "MA",
    "Sudanese": "SD",
    "Turkish": "TR",
    "Turk": "TR",
    "Afghan": "AF",
    "Pakistani": "PK",
    "Indian": "IN",
    "Bangladeshi": "BD",
    "Sri Lankan": "LK",
    "Nepalese": "NP",
    "Burmese": "MM",
    "Thai": "TH",
    "Vietnamese": "VN",
    "Cambodian": "KH",
    "Malaysian": "MY",
    "Indonesian": "ID",
    "Filipino": "PH",
    "Singaporean": "SG",
    "Japanese": "JP",
    "South Korean": "KR",
    "North Korean": "KP",
    "Taiwanese": "TW",
    "Mongolian": "MN",
    "Kazakh": "KZ",
    "Uzbek": "UZ",
    "Ukrainian": "UA",
    "Belarusian": "BY",
    "Polish": "PL",
    "Pole": "PL",
    "German": "DE",
    "French": "FR",
    "Italian": "IT",
    "Spanish": "ES",
    "Spaniard": "ES",
    "Portuguese": "PT",
    "Dutch": "NL",
    "Belgian": "BE",
    "Swiss": "CH",
    "Austrian": "AT",
    "Swedish": "SE",
    "Swede": "SE",
    "Norwegian": "NO",
    "Danish": "DK",
    "Dane": "DK",
    "Finnish": "FI",
    "Finn": "FI",
    "Irish": "IE",
    "Greek": "GR",
    "Cypriot": "CY",
    "Hungarian": "HU",
    "Czech": "CZ",
    "Slovak": "SK",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Serbian": "RS",
    "Serb": "RS",
    "Croatian": "HR",
    "Croat": "HR",
    "Bosnian": "BA",
    "Albanian": "AL",
    "Georgian": "GE",
    "Armenian": "AM",
    "Azerbaijani": "AZ",
    "Azeri": "AZ",
    "Canadian": "CA",
    "Mexican": "MX",
    "Cuban": "CU",
    "Haitian": "HT",
    "Brazilian": "BR",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Chilean": "CL",
    "Colombian": "CO",
    "Venezuelan": "VE",
    "Peruvian": "PE",
    "Bolivian": "BO",
    "Ecuadorian": "EC",
    "Australian": "AU",
    "New Zealander": "NZ",
    "Nigerian": "NG",
    "Kenyan": "KE",
    "Ethiopian": "ET",
    "Eritrean": "ER",
    "Somali": "SO",
    "Ugandan": "UG",
    "Rwandan": "RW",
    "Ghanaian": "GH",
    "Senegalese": "SN",
    "Malian": "ML",
    "South African": "ZA",
    "Zimbabwean": "ZW",
    "Congolese": "CD",
    "Icelandic": "IS",
    "Estonian": "EE",
    "Latvian": "LV",
    "Lithuanian": "LT",
}
_PLURALS: dict[str, str] = {"Frenchmen": "FR", "Englishmen": "GB", "Swiss": "CH", "Chinese": "CN", "Japanese": "JP"}

# capital cities, for "Tehran said ..." (the capital used for the country's government)
_CAPITALS: dict[str, str] = {
    "Washington": "US", "London": "GB", "Moscow": "RU", "Beijing": "CN", "Tehran": "IR", "Teheran": "IR",
    "Baghdad": "IQ", "Damascus": "SY", "Jerusalem": "IL", "Beirut": "LB", "Amman": "JO", "Riyadh": "SA",
    "Abu Dhabi": "AE", "Doha": "QA", "Kuwait City": "KW", "Manama": "BH", "Muscat": "OM", "Sanaa": "YE",
    "Cairo": "EG", "Tripoli": "LY", "Tunis": "TN", "Algiers": "DZ", "Rabat": "MA", "Khartoum": "SD",
    "Ankara": "TR", "Kabul": "AF", "Islamabad": "PK", "New Delhi": "IN", "Dhaka": "BD", "Kathmandu": "NP",
    "Bangkok": "TH", "Hanoi": "VN", "Jakarta": "ID", "Manila": "PH", "Tokyo": "JP", "Seoul": "KR",
    "Pyongyang": "KP", "Taipei": "TW", "Kyiv": "UA", "Kiev": "UA", "Minsk": "BY", "Warsaw": "PL",
    "Berlin": "DE", "Paris": "FR", "Rome": "IT", "Madrid": "ES", "Lisbon": "PT", "Brussels": "BE", "Bern": "CH",
    "Vienna": "AT", "Stockholm": "SE", "Oslo": "NO", "Copenhagen": "DK", "Helsinki": "FI", "Dublin": "IE",
    "Athens": "GR", "Budapest": "HU", "Prague": "CZ", "Bucharest": "RO", "Sofia": "BG", "Belgrade": "RS",
    "Tbilisi": "GE", "Yerevan": "AM", "Baku": "AZ", "Ottawa": "CA", "Mexico City": "MX", "Havana": "CU",
    "Brasilia": "BR", "Buenos Aires": "AR", "Santiago": "CL", "Bogota": "CO", "Caracas": "VE", "Lima": "PE",
    "Canberra": "AU", "Wellington": "NZ", "Abuja": "NG", "Nairobi": "KE", "Addis Ababa": "ET",
    "Mogadishu": "SO", "Kampala": "UG", "Kigali": "RW", "Pretoria": "ZA", "Harare": "ZW", "Kinshasa": "CD",
}  # fmt: skip


def _fold(name: str) -> str:
    """Lower-case, with dots, apostrophes and a leading "the" dropped, so "the U.S." and "US" meet."""
    s = " ".join(name.replace(".", "").replace("’", "'").lower().split())
    return s[4:] if s.startswith("the ") else s


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                index.setdefault(_fold(value), c.alpha_2)
    for code, names in _SHORT_NAMES.items():
        for n in names.split("|"):
            index[_fold(n)] = code
    return index


@cache
def _demonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, code in _DEMONYMS.items():
        index[_fold(name)] = code
        if not name.endswith(("ese", "ish", "ch", "ss")):
            index[_fold(name + "s")] = code
    for name, code in _PLURALS.items():
        index[_fold(name)] = code
    return index


_CAPITAL_INDEX: dict[str, str] = {_fold(k): v for k, v in _CAPITALS.items()}


def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country name as news writes it ("Iran", "the U.S.", "Britain"), else None."""
    return _country_index().get(_fold(name))


def demonym_country(word: str) -> str | None:
    """The ISO alpha-2 code of the country a demonym names ("Iranian", "Israelis"), else None."""
    return _demonym_index().get(_fold(word))


def capital_country(name: str) -> str | None:
    """The ISO alpha-2 code of the country whose capital this is ("Tehran" -> "IR"), else None."""
    return _CAPITAL_INDEX.get(_fold(name))


def country_name(code: str) -> str:
    """The short English name of a country ("IR" -> "Iran"), for entities only named by demonym or capital."""
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    short = _SHORT_NAMES.get(code, "").split("|")[0]
    if getattr(c, "common_name", None):
        return str(c.common_name)
    return short if short and "." not in short and not short.isupper() else str(c.name)


# Role and kind nouns for definite descriptions ("the actress", "the company", "the facility"), by the kind of
# entity they can stand for. A curated news list: WordNet would be the well-kept source, but nltk is not a
# dependency and a few hundred common nouns cover what news writes. Kin and generic nouns ("the mother", "the
# man") are left out on purpose: in news they mostly introduce someone unnamed, not a named entity again.
_ROLE_NOUNS: dict[str, str] = {
    "person": """
        actor actress singer star superstar starlet celebrity icon legend diva rapper musician songwriter
        guitarist drummer bassist pianist frontman comedian comedienne filmmaker director producer screenwriter
        writer author novelist poet playwright artist painter sculptor photographer model supermodel designer
        dancer ballerina host presenter anchor anchorman anchorwoman journalist reporter
        correspondent editor columnist blogger critic heiress socialite athlete player striker midfielder
        defender goalkeeper goalie quarterback pitcher batter shortstop linebacker receiver coach captain
        champion titleholder sprinter runner swimmer skier golfer boxer wrestler fighter cyclist racer jockey
        climber mountaineer skater gymnast rookie veteran winner nominee contender candidate challenger
        incumbent politician lawmaker legislator senator congressman congresswoman governor mayor president
        premier chancellor minister secretary ambassador diplomat envoy official spokesman spokeswoman
        spokesperson aide adviser advisor strategist negotiator chairman chairwoman chief ceo executive founder
        co-founder cofounder owner billionaire millionaire tycoon mogul magnate entrepreneur investor banker
        financier economist analyst businessman businesswoman technician engineer scientist researcher
        professor lecturer teacher scholar physician surgeon nurse dentist psychiatrist psychologist therapist
        pharmacist paramedic lawyer attorney prosecutor judge magistrate defendant plaintiff suspect gunman
        shooter killer murderer attacker assailant robber thief burglar bomber hijacker kidnapper abductor
        intruder perpetrator culprit fugitive inmate convict detainee captive hostage survivor pilot skipper
        sailor soldier sergeant lieutenant colonel commander trooper sheriff detective investigator inspector
        firefighter bodyguard spy hacker activist campaigner militant insurgent rebel terrorist extremist
        jihadist cleric imam priest pastor bishop cardinal pope pontiff rabbi monk nun preacher evangelist
        king queen prince princess monarch emperor empress dictator ruler warlord heir duke duchess sheikh
        emir sultan leader chef stylist publicist manager agent
    """,
    "organization": """
        company firm corporation business manufacturer maker automaker carmaker chipmaker drugmaker
        retailer chain bank lender insurer airline carrier operator provider developer publisher studio
        label startup start-up giant conglomerate utility charity foundation institute union coalition
        alliance league federation association council committee commission board court tribunal ministry
        department army military navy team club franchise squad band outfit orchestra parliament
        legislature newspaper magazine tabloid channel network broadcaster
    """,
    "group": "group militia movement faction organization organisation party sect tribe gang cartel",
    "facility": """
        facility center centre clinic hospital building prison jail penitentiary hotel resort school
        university college church cathedral chapel mosque temple synagogue store shop supermarket mall
        restaurant bar nightclub stadium arena venue theater theatre cinema museum gallery airport station
        port harbor harbour bridge tower plant factory refinery mine base embassy consulate palace mansion
        residence estate ranch headquarters courthouse
    """,
    "settlement": "city town village capital county state province region island suburb neighborhood district",
    "country": "country nation government regime kingdom republic",
}
# gendered role nouns: checked against the pronouns already tied to a candidate ("she" rules out "the actor")
_FEMALE = frozenset(
    {
        "actress", "starlet", "comedienne", "ballerina", "anchorwoman", "heiress", "congresswoman", "spokeswoman",
        "chairwoman", "businesswoman", "nun", "queen", "princess", "empress", "duchess", "diva", "supermodel",
    }
)  # fmt: skip
_MALE = frozenset(
    {
        "actor", "frontman", "anchorman", "congressman", "spokesman", "chairman", "businessman", "king", "prince",
        "emperor", "duke", "sheikh", "emir", "sultan", "monk",
    }
)  # fmt: skip
_ROLE_INDEX: dict[str, str] = {w: kind for kind, words in _ROLE_NOUNS.items() for w in words.split()}


def role_kind(noun: str) -> str | None:
    """The kind of entity a role noun can stand for ("actress" -> "person", "company" -> "organization").

    One of "person", "organization", "group" (an organisation or a group), "facility" (a building or site:
    a FAC place or an organisation), "settlement" (a GPE/LOC place) and "country"; None for other nouns.
    """
    return _ROLE_INDEX.get(noun.lower())


def role_gender(noun: str) -> str | None:
    """ "f" or "m" for a gendered role noun ("actress", "spokesman"), else None."""
    low = noun.lower()
    return "f" if low in _FEMALE else "m" if low in _MALE else None
