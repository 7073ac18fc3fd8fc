#!/usr/bin/env python
"""Synthetic but realistic conflict news articles, for throughput benchmarks and smoke tests.

    python benchmarks/articles.py 500 > articles.jsonl          # seed 0
    python benchmarks/articles.py 500 --seed 7 > articles.jsonl

``generate(n, seed=0)`` returns ``[{"id", "text", "published", "title"}, ...]``. Output is
deterministic: article ``i`` depends only on ``(seed, i)``, so ``generate(10)`` is a prefix
of ``generate(500)``. Every article is 300-800 words (whitespace-separated), written from
templates and word lists: a dateline lead, tolls attributed to different sources (which
sometimes disagree or are revised), dates relative to the publication date, quotes,
background paragraphs recalling earlier events, and numbers that are not casualties
(distances, years, money, populations, force sizes, times of day).

The places, countries, regions and armed groups are real; every person, quote, event
and figure is invented.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass

MIN_WORDS = 300
MAX_WORDS = 800

# --------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class Group:
    name: str  # full name, as in a first mention
    short: str  # later mentions
    since: int  # year the group's current campaign began (approximate)
    kind: str  # "jihadist", "rebel", "militia", "criminal"


@dataclass(frozen=True)
class Country:
    name: str
    the: bool  # "the Democratic Republic of Congo"
    demonym: str
    capital: str
    region_word: str  # "state", "province", ...
    places: tuple[tuple[str, str], ...]  # (town, first-level region)
    army: str  # "the Nigerian army"
    troops: str  # "Nigerian troops"
    police: str
    groups: tuple[Group, ...]
    militias: tuple[str, ...]
    parties: tuple[str, ...]
    names: str  # key into NAMES
    currency: str  # for money that is not casualties: "naira"


NAMES = {
    "west_africa": (
        ("Ibrahim", "Musa", "Aisha", "Fatima", "Abdoulaye", "Mariam", "Boubacar", "Hadiza", "Oumar", "Salif", "Adama", "Kadiatou"),
        ("Bello", "Traoré", "Diallo", "Sawadogo", "Yusuf", "Ouédraogo", "Coulibaly", "Adamu", "Maïga", "Danjuma", "Keita", "Abubakar"),
    ),
    "horn": (
        ("Abdi", "Hodan", "Mohamed", "Fartun", "Yonas", "Tigist", "Hassan", "Amina", "Dawit", "Halima", "Bekele", "Ali"),
        ("Warsame", "Farah", "Tesfaye", "Hussein", "Gebremedhin", "Osman", "Abdullahi", "Alemu", "Jama", "Mengistu", "Nur", "Ahmed"),
    ),
    "central_africa": (
        ("Jean-Pierre", "Espérance", "Patrick", "Chantal", "Moïse", "Divine", "Emmanuel", "Grâce", "Olivier", "Nadine", "Blaise", "Josué"),
        ("Kabila", "Mbala", "Lukusa", "Mumbere", "Kasereka", "Ngoy", "Tshimanga", "Bahati", "Kambale", "Nzuzi", "Achu", "Fon"),
    ),
    "east_africa": (
        ("James", "Wanjiru", "Peter", "Achieng", "Joseph", "Faith", "Hussein", "Esther", "Kevin", "Mercy", "Abdirahman", "Grace"),
        ("Mwangi", "Otieno", "Kamau", "Wafula", "Mohamud", "Njoroge", "Chebet", "Kiprono", "Omondi", "Adan", "Mutua", "Wekesa"),
    ),
    "arab": (
        ("Ahmed", "Fatima", "Khaled", "Mariam", "Omar", "Huda", "Yusuf", "Rania", "Mahmoud", "Layla", "Abdulrahman", "Noura"),
        ("al-Hassan", "Mansour", "al-Ahmad", "Haddad", "al-Masri", "Saleh", "al-Jubouri", "Qasim", "Abdullah", "al-Sharif", "Nasser", "Hamdan"),
    ),
    "south_asia": (
        ("Abdul", "Rahima", "Imran", "Nasrin", "Zabihullah", "Farzana", "Gul", "Shabana", "Tariq", "Rukhsana", "Hamid", "Sadia"),
        ("Rahman", "Khan", "Ahmadzai", "Hossain", "Yousafzai", "Baloch", "Karimi", "Islam", "Hakimi", "Shah", "Akbari", "Chowdhury"),
    ),
    "myanmar": (
        ("Aung", "Khin", "Min", "Thida", "Zaw", "Nang", "Kyaw", "Su", "Htet", "Naw", "Tun", "Ei"),
        ("Win", "Myint", "Htun", "Oo", "Naing", "Lwin", "Thein", "Aye", "Soe", "Maung", "Hlaing", "Zin"),
    ),
    "latin": (
        ("José", "María", "Carlos", "Luz", "Andrés", "Diana", "Jorge", "Paola", "Luis", "Gabriela", "Miguel", "Yolanda"),
        ("García", "Rodríguez", "Martínez", "Hernández", "López", "Gómez", "Ramírez", "Torres", "Castro", "Mendoza", "Rojas", "Vargas"),
    ),
    "slavic": (
        ("Oleksandr", "Iryna", "Serhiy", "Olena", "Andriy", "Nataliya", "Mykola", "Yulia", "Dmytro", "Oksana", "Viktor", "Tetiana"),
        ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko", "Boyko", "Lysenko", "Savchenko", "Marchenko", "Rudenko", "Moroz"),
    ),
}

COUNTRIES: tuple[Country, ...] = (
    Country(
        "Nigeria", False, "Nigerian", "Abuja", "state",
        (("Maiduguri", "Borno"), ("Gwoza", "Borno"), ("Damboa", "Borno"), ("Monguno", "Borno"), ("Gusau", "Zamfara"),
         ("Bokkos", "Plateau"), ("Jos", "Plateau"), ("Makurdi", "Benue"), ("Kaura Namoda", "Zamfara"), ("Yola", "Adamawa")),
        "the Nigerian army", "Nigerian troops", "police",
        (Group("Boko Haram", "Boko Haram", 2009, "jihadist"),
         Group("Islamic State West Africa Province (ISWAP)", "ISWAP", 2016, "jihadist"),
         Group("armed bandits", "the bandits", 2011, "criminal")),
        ("the Civilian Joint Task Force (CJTF)", "a local vigilante group"),
        ("the All Progressives Congress (APC)", "the Peoples Democratic Party (PDP)"),
        "west_africa", "naira",
    ),
    Country(
        "Somalia", False, "Somali", "Mogadishu", "region",
        (("Mogadishu", "Banadir"), ("Baidoa", "Bay"), ("Beledweyne", "Hiiraan"), ("Kismayo", "Lower Juba"),
         ("Afgooye", "Lower Shabelle"), ("Jowhar", "Middle Shabelle"), ("Bulo Burte", "Hiiraan"), ("Dhusamareb", "Galguduud")),
        "the Somali National Army", "Somali troops", "police",
        (Group("al-Shabaab", "al-Shabaab", 2006, "jihadist"),),
        ("clan militias", "Macawisley fighters"),
        ("supporters of the federal government", "opposition candidates"),
        "horn", "shillings",
    ),
    Country(
        "Democratic Republic of Congo", True, "Congolese", "Kinshasa", "province",
        (("Goma", "North Kivu"), ("Beni", "North Kivu"), ("Butembo", "North Kivu"), ("Rutshuru", "North Kivu"),
         ("Bunia", "Ituri"), ("Djugu", "Ituri"), ("Bukavu", "South Kivu"), ("Uvira", "South Kivu")),
        "the Congolese army (FARDC)", "Congolese soldiers", "police",
        (Group("the M23 rebel group", "M23", 2021, "rebel"),
         Group("the Allied Democratic Forces (ADF)", "the ADF", 2014, "jihadist"),
         Group("the CODECO militia", "CODECO", 2017, "militia")),
        ("Wazalendo militias", "Mai-Mai fighters"),
        ("the ruling Union for Democracy and Social Progress (UDPS)", "opposition parties"),
        "central_africa", "Congolese francs",
    ),
    Country(
        "Mali", False, "Malian", "Bamako", "region",
        (("Mopti", "Mopti"), ("Gao", "Gao"), ("Timbuktu", "Tombouctou"), ("Ménaka", "Ménaka"),
         ("Ségou", "Ségou"), ("Douentza", "Mopti"), ("Niono", "Ségou"), ("Ansongo", "Gao")),
        "the Malian army", "Malian soldiers", "gendarmes",
        (Group("the al-Qaeda-linked Group to Support Islam and Muslims (JNIM)", "JNIM", 2017, "jihadist"),
         Group("Islamic State Sahel Province", "Islamic State fighters", 2015, "jihadist")),
        ("Dozo hunters", "a self-defence militia"),
        ("supporters of the transitional authorities", "opposition groups"),
        "west_africa", "CFA francs",
    ),
    Country(
        "Burkina Faso", False, "Burkinabe", "Ouagadougou", "region",
        (("Djibo", "Sahel"), ("Dori", "Sahel"), ("Ouahigouya", "Nord"), ("Kaya", "Centre-Nord"),
         ("Fada N'Gourma", "Est"), ("Diapaga", "Est"), ("Koudougou", "Centre-Ouest"), ("Gorom-Gorom", "Sahel")),
        "the Burkinabe army", "Burkinabe soldiers", "gendarmes",
        (Group("the al-Qaeda-linked Group to Support Islam and Muslims (JNIM)", "JNIM", 2017, "jihadist"),
         Group("Islamic State Sahel Province", "Islamic State fighters", 2015, "jihadist")),
        ("the Volunteers for the Defence of the Homeland (VDP)", "a Koglweogo self-defence group"),
        ("supporters of the junta", "civil society groups"),
        "west_africa", "CFA francs",
    ),
    Country(
        "Sudan", False, "Sudanese", "Khartoum", "state",
        (("El Fasher", "North Darfur"), ("Nyala", "South Darfur"), ("El Geneina", "West Darfur"), ("Omdurman", "Khartoum"),
         ("Wad Madani", "Al Jazirah"), ("El Obeid", "North Kordofan"), ("Sennar", "Sennar"), ("Kadugli", "South Kordofan")),
        "the Sudanese army", "army troops", "police",
        (Group("the paramilitary Rapid Support Forces (RSF)", "the RSF", 2023, "rebel"),),
        ("allied Arab militias", "armed volunteers mobilised by the army"),
        ("resistance committees", "the Forces of Freedom and Change"),
        "arab", "Sudanese pounds",
    ),
    Country(
        "Ethiopia", False, "Ethiopian", "Addis Ababa", "region",
        (("Gondar", "Amhara"), ("Bahir Dar", "Amhara"), ("Debre Markos", "Amhara"), ("Lalibela", "Amhara"),
         ("Nekemte", "Oromia"), ("Shashamane", "Oromia"), ("Mekelle", "Tigray"), ("Dembi Dolo", "Oromia")),
        "the Ethiopian National Defense Force (ENDF)", "federal troops", "federal police",
        (Group("Fano militiamen", "Fano", 2023, "militia"),
         Group("the Oromo Liberation Army (OLA)", "the OLA", 2018, "rebel")),
        ("local militias", "regional special forces"),
        ("the ruling Prosperity Party", "opposition parties"),
        "horn", "birr",
    ),
    Country(
        "Syria", False, "Syrian", "Damascus", "province",
        (("Idlib", "Idlib"), ("Aleppo", "Aleppo"), ("Deir ez-Zor", "Deir ez-Zor"), ("Daraa", "Daraa"),
         ("Raqqa", "Raqqa"), ("Manbij", "Aleppo"), ("Al-Bab", "Aleppo"), ("Jisr al-Shughur", "Idlib")),
        "Syrian government forces", "government troops", "security forces",
        (Group("Hayat Tahrir al-Sham (HTS)", "HTS", 2017, "jihadist"),
         Group("the Kurdish-led Syrian Democratic Forces (SDF)", "the SDF", 2015, "rebel"),
         Group("Islamic State cells", "Islamic State", 2014, "jihadist")),
        ("Turkish-backed factions", "local tribal fighters"),
        ("the local council", "residents' committees"),
        "arab", "Syrian pounds",
    ),
    Country(
        "Yemen", False, "Yemeni", "Sanaa", "governorate",
        (("Marib", "Marib"), ("Taiz", "Taiz"), ("Hodeidah", "Al Hudaydah"), ("Aden", "Aden"),
         ("Saada", "Saada"), ("Al Bayda", "Al Bayda"), ("Mokha", "Taiz"), ("Ataq", "Shabwah")),
        "pro-government forces", "government troops", "security forces",
        (Group("the Iran-aligned Houthi movement", "the Houthis", 2014, "rebel"),
         Group("al-Qaeda in the Arabian Peninsula (AQAP)", "AQAP", 2009, "jihadist")),
        ("tribal fighters", "forces loyal to the Southern Transitional Council"),
        ("the Southern Transitional Council", "the Islah party"),
        "arab", "rials",
    ),
    Country(
        "Afghanistan", False, "Afghan", "Kabul", "province",
        (("Kandahar", "Kandahar"), ("Jalalabad", "Nangarhar"), ("Kunduz", "Kunduz"), ("Herat", "Herat"),
         ("Mazar-i-Sharif", "Balkh"), ("Kabul", "Kabul"), ("Pul-e-Khumri", "Baghlan"), ("Ghazni", "Ghazni")),
        "Taliban security forces", "Taliban fighters", "Taliban police",
        (Group("Islamic State Khorasan Province (ISKP)", "ISKP", 2015, "jihadist"),
         Group("the National Resistance Front (NRF)", "the NRF", 2021, "rebel")),
        ("local armed men", "militiamen loyal to a former commander"),
        ("women's rights activists", "traders' associations"),
        "south_asia", "afghanis",
    ),
    Country(
        "Pakistan", False, "Pakistani", "Islamabad", "province",
        (("Peshawar", "Khyber Pakhtunkhwa"), ("Bannu", "Khyber Pakhtunkhwa"), ("Dera Ismail Khan", "Khyber Pakhtunkhwa"),
         ("Quetta", "Balochistan"), ("Turbat", "Balochistan"), ("Gwadar", "Balochistan"), ("Miranshah", "Khyber Pakhtunkhwa"),
         ("Karachi", "Sindh")),
        "the Pakistani army", "Pakistani soldiers", "police",
        (Group("the Pakistani Taliban (TTP)", "the TTP", 2007, "jihadist"),
         Group("the Balochistan Liberation Army (BLA)", "the BLA", 2000, "rebel")),
        ("tribal elders' lashkars", "a local peace committee"),
        ("Pakistan Tehreek-e-Insaf (PTI)", "the Pakistan Muslim League-Nawaz (PML-N)"),
        "south_asia", "rupees",
    ),
    Country(
        "Myanmar", False, "Myanmar", "Naypyitaw", "state",
        (("Lashio", "Shan"), ("Myawaddy", "Kayin"), ("Hpakant", "Kachin"), ("Myitkyina", "Kachin"),
         ("Sittwe", "Rakhine"), ("Monywa", "Sagaing"), ("Loikaw", "Kayah"), ("Kale", "Sagaing")),
        "the Myanmar military", "junta troops", "police",
        (Group("the Arakan Army", "the Arakan Army", 2009, "rebel"),
         Group("the Kachin Independence Army (KIA)", "the KIA", 2011, "rebel"),
         Group("local People's Defence Force (PDF) units", "the PDF", 2021, "rebel")),
        ("pro-junta Pyu Saw Htee militias", "a village defence force"),
        ("the National League for Democracy", "striking workers"),
        "myanmar", "kyat",
    ),
    Country(
        "Colombia", False, "Colombian", "Bogotá", "department",
        (("Cúcuta", "Norte de Santander"), ("Tibú", "Norte de Santander"), ("Tumaco", "Nariño"), ("Quibdó", "Chocó"),
         ("Popayán", "Cauca"), ("Suárez", "Cauca"), ("Arauca", "Arauca"), ("Buenaventura", "Valle del Cauca")),
        "the Colombian army", "Colombian soldiers", "police",
        (Group("the National Liberation Army (ELN)", "the ELN", 1964, "rebel"),
         Group("FARC dissidents of the Central General Staff", "the dissidents", 2016, "rebel"),
         Group("the Gulf Clan", "the Gulf Clan", 2006, "criminal")),
        ("indigenous guards", "armed community groups"),
        ("truckers' unions", "student groups"),
        "latin", "pesos",
    ),
    Country(
        "Mexico", False, "Mexican", "Mexico City", "state",
        (("Culiacán", "Sinaloa"), ("Uruapan", "Michoacán"), ("Apatzingán", "Michoacán"), ("Reynosa", "Tamaulipas"),
         ("Chilpancingo", "Guerrero"), ("Celaya", "Guanajuato"), ("Fresnillo", "Zacatecas"), ("Tijuana", "Baja California")),
        "the Mexican army", "soldiers", "state police",
        (Group("the Jalisco New Generation Cartel (CJNG)", "the CJNG", 2009, "criminal"),
         Group("a faction of the Sinaloa Cartel", "the cartel", 2008, "criminal")),
        ("self-defence groups", "community police"),
        ("teachers' unions", "relatives of the disappeared"),
        "latin", "pesos",
    ),
    Country(
        "Kenya", False, "Kenyan", "Nairobi", "county",
        (("Mandera", "Mandera"), ("Garissa", "Garissa"), ("Lamu", "Lamu"), ("Nairobi", "Nairobi"),
         ("Kisumu", "Kisumu"), ("Mombasa", "Mombasa"), ("Wajir", "Wajir"), ("Marsabit", "Marsabit")),
        "the Kenya Defence Forces (KDF)", "Kenyan soldiers", "police",
        (Group("al-Shabaab", "al-Shabaab", 2011, "jihadist"),),
        ("armed herders", "a local vigilante group"),
        ("the opposition Azimio coalition", "supporters of the ruling Kenya Kwanza alliance"),
        "east_africa", "shillings",
    ),
    Country(
        "Cameroon", False, "Cameroonian", "Yaoundé", "region",
        (("Bamenda", "North-West"), ("Buea", "South-West"), ("Kumba", "South-West"), ("Kolofata", "Far North"),
         ("Mora", "Far North"), ("Ndop", "North-West"), ("Mamfe", "South-West"), ("Kousseri", "Far North")),
        "the Cameroonian army", "Cameroonian soldiers", "gendarmes",
        (Group("Anglophone separatist fighters", "the separatists", 2017, "rebel"),
         Group("Boko Haram", "Boko Haram", 2014, "jihadist")),
        ("vigilance committees", "a local self-defence group"),
        ("the Social Democratic Front", "the ruling CPDM"),
        "central_africa", "CFA francs",
    ),
    Country(
        "Mozambique", False, "Mozambican", "Maputo", "province",
        (("Mocímboa da Praia", "Cabo Delgado"), ("Palma", "Cabo Delgado"), ("Macomia", "Cabo Delgado"),
         ("Pemba", "Cabo Delgado"), ("Ancuabe", "Cabo Delgado"), ("Mueda", "Cabo Delgado"), ("Nampula", "Nampula")),
        "Mozambican forces", "Mozambican troops", "police",
        (Group("Islamic State Mozambique Province", "the insurgents", 2017, "jihadist"),),
        ("local militias known as Força Local", "Rwandan troops"),
        ("supporters of the opposition", "the ruling Frelimo party"),
        "east_africa", "meticais",
    ),
    Country(
        "Ukraine", False, "Ukrainian", "Kyiv", "region",
        (("Kharkiv", "Kharkiv"), ("Kherson", "Kherson"), ("Zaporizhzhia", "Zaporizhzhia"), ("Odesa", "Odesa"),
         ("Pokrovsk", "Donetsk"), ("Sumy", "Sumy"), ("Kramatorsk", "Donetsk"), ("Nikopol", "Dnipropetrovsk")),
        "Ukrainian forces", "Ukrainian troops", "police",
        (Group("Russian forces", "Russian troops", 2022, "rebel"),),
        ("territorial defence units", "volunteer battalions"),
        ("local activists", "relatives of prisoners of war"),
        "slavic", "hryvnias",
    ),
    Country(
        "Iraq", False, "Iraqi", "Baghdad", "province",
        (("Kirkuk", "Kirkuk"), ("Mosul", "Nineveh"), ("Tikrit", "Salahuddin"), ("Baqubah", "Diyala"),
         ("Ramadi", "Anbar"), ("Sinjar", "Nineveh"), ("Basra", "Basra"), ("Samarra", "Salahuddin")),
        "Iraqi security forces", "Iraqi troops", "police",
        (Group("Islamic State militants", "Islamic State", 2014, "jihadist"),),
        ("the Popular Mobilisation Forces (PMF)", "tribal fighters"),
        ("the Sadrist movement", "protesters from the Tishreen movement"),
        "arab", "dinars",
    ),
    Country(
        "Bangladesh", False, "Bangladeshi", "Dhaka", "division",
        (("Dhaka", "Dhaka"), ("Chittagong", "Chittagong"), ("Sylhet", "Sylhet"), ("Rajshahi", "Rajshahi"),
         ("Khulna", "Khulna"), ("Cox's Bazar", "Chittagong"), ("Bogura", "Rajshahi"), ("Narayanganj", "Dhaka")),
        "the Bangladesh army", "soldiers", "police",
        (Group("armed gangs in the Rohingya camps", "the gangs", 2017, "criminal"),),
        ("ruling party activists", "student wing activists"),
        ("the Bangladesh Nationalist Party (BNP)", "the Awami League"),
        "south_asia", "taka",
    ),
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve")
DIRECTIONS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
ORGS = (
    ("the UN humanitarian office (OCHA)", "a spokesperson"),
    ("the International Committee of the Red Cross", "the head of delegation"),
    ("Médecins Sans Frontières (MSF)", "the emergency coordinator"),
    ("the UN refugee agency (UNHCR)", "a protection officer"),
    ("the International Organization for Migration (IOM)", "the country director"),
    ("Human Rights Watch", "a senior researcher"),
    ("Amnesty International", "the regional director"),
    ("Save the Children", "the country director"),
    ("the World Health Organization", "the local representative"),
    ("the Norwegian Refugee Council", "the area manager"),
)
OCCUPATIONS = ("farmer", "trader", "teacher", "nurse", "motorcycle taxi driver", "shopkeeper", "student",
               "fisherman", "community leader", "herder", "tailor", "mechanic", "health worker", "pharmacist")
MEDIA = ("a local radio station", "local media", "a regional television channel", "the state news agency",
         "an independent news website", "a local newspaper")


def words(n: int) -> str:
    """AP style: one to nine in words, 10 and up in figures."""
    return SMALL[n] if 0 <= n < 10 else f"{n:,}"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def an(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


# --------------------------------------------------------------------------- one article


class Writer:
    """Writes one article; all randomness goes through ``self.r``."""

    def __init__(self, r: random.Random, published: dt.date):
        self.r = r
        self.pub = published
        self.c: Country = r.choice(COUNTRIES)
        self.town, self.region = r.choice(self.c.places)
        others = [p for p in self.c.places if p[0] != self.town]
        self.other_town, self.other_region = r.choice(others)
        self.group: Group = r.choice(self.c.groups)
        self.militia = r.choice(self.c.militias)
        self.us_dates = r.random() < 0.4
        first, last = NAMES[self.c.names]
        self._first, self._last = list(first), list(last)
        r.shuffle(self._first)
        r.shuffle(self._last)
        self.offset = r.choice((0, 1, 1, 1, 2, 2, 3, 4, 5, 6))
        self.event_day = published - dt.timedelta(days=self.offset)

    # -- small helpers ------------------------------------------------------------------
    def pick(self, *options):
        return self.r.choice(options)

    def person(self) -> str:
        return f"{self._first.pop()} {self._last.pop()}"

    @staticmethod
    def plural_group(g: Group) -> bool:
        return g.short.endswith("s") and not g.short.endswith("ss")

    def has(self, g: Group) -> str:
        return "have" if self.plural_group(g) else "has"

    def its(self, g: Group) -> str:
        return "their" if self.plural_group(g) else "its"

    @staticmethod
    def bare(g: Group) -> str:
        """The short name without its article, for headlines."""
        return g.short[4:] if g.short.startswith("the ") else g.short

    def tag(self, g: Group) -> str:
        """The short name for attributive use: 'Houthi fighters', 'ISWAP members'."""
        name = self.bare(g)
        if not self.plural_group(g):
            return name
        head, _, last = name.rpartition(" ")
        return head if last in ("fighters", "troops", "militants") else name[:-1]

    def other_region_than(self) -> str:
        regions = [rg for _, rg in self.c.places if rg != self.region]
        return self.r.choice(regions) if regions else self.other_region

    def country(self) -> str:
        return f"the {self.c.name}" if self.c.the else self.c.name

    def date_str(self, d: dt.date, year: bool = False) -> str:
        s = f"{MONTHS[d.month - 1]} {d.day}" if self.us_dates else f"{d.day} {MONTHS[d.month - 1]}"
        return f"{s}, {d.year}" if year and self.us_dates else (f"{s} {d.year}" if year else s)

    def when(self) -> str:
        """The event day, relative to publication, as a reporter would write it."""
        wd = WEEKDAYS[self.event_day.weekday()]
        if self.offset == 0:
            return self.pick(f"on {wd}", f"early on {wd}", f"on {wd} morning", "earlier today")
        if self.offset == 1:
            return self.pick(f"on {wd}", f"late on {wd}", f"on {wd} night", "yesterday", f"overnight into {WEEKDAYS[self.pub.weekday()]}")
        return self.pick(f"on {wd}", f"on {wd}", f"last {wd}", f"on {self.date_str(self.event_day)}")

    def later_day(self) -> str:
        """A day between the event and publication, for revised tolls."""
        if self.offset == 0:
            return "later in the day"
        d = self.event_day + dt.timedelta(days=self.r.randint(1, self.offset))
        return f"on {WEEKDAYS[d.weekday()]}" if d != self.pub else self.pick("on " + WEEKDAYS[d.weekday()], "today")

    def past(self) -> tuple[str, int]:
        """A background date months or years before publication."""
        years_back = self.r.choice((0, 1, 1, 2, 3, 5))
        year = self.pub.year - years_back
        month = self.r.randint(1, 12 if years_back else max(1, self.pub.month - 1))
        if years_back == 0 and self.pub.month == 1:
            year, month = year - 1, 11
        form = self.r.random()
        if form < 0.5:
            return f"in {MONTHS[month - 1]} {year}", year
        if form < 0.75:
            return f"in {MONTHS[month - 1]}" if year == self.pub.year else f"in {MONTHS[month - 1]} last year" if year == self.pub.year - 1 else f"in {year}", year
        return f"on {self.date_str(dt.date(year, month, self.r.randint(1, 28)), year=True)}", year

    def official(self) -> tuple[str, str]:
        """(name, role) of a spokesperson for the state."""
        role = self.pick(
            f"a spokesperson for {self.c.army}",
            f"the {self.region} {self.c.region_word} police commissioner",
            f"the governor of {self.region}",
            f"a spokesperson for the {self.c.demonym} defence ministry",
            f"the district commissioner for {self.town}",
            f"a senior security official in {self.region}",
        )
        return self.person(), role

    def toll(self, n: int, noun: str = "people") -> str:
        r = self.r.random()
        if n >= 20 and r < 0.2:
            return f"more than {(n // 10) * 10} {noun}"
        if r < 0.45:
            return f"at least {words(n)} {noun}"
        if n >= 6 and r < 0.55:
            return f"between {words(n - self.r.randint(2, 4))} and {words(n)} {noun}"
        if r < 0.62:
            return f"about {words(max(n, 10) // 5 * 5)} {noun}"
        return f"{words(n)} {noun}"

    def source(self) -> tuple[str, str]:
        """(attribution clause, kind) for a figure."""
        name, role = self.official()
        witness = self.person()
        org, orgrole = self.r.choice(ORGS)
        options = (
            (f"{name}, {role}, told reporters", "official"),
            (f"according to {role}", "official"),
            (f"{self.c.army} said in a statement", "military"),
            (f"a local official who asked not to be named told {self.pick('AFP', 'Reuters', 'The Associated Press', 'reporters')}", "official"),
            (f"{self.pick(*MEDIA)} reported", "media"),
            (f"according to {org}", "organisation"),
            ("residents said", "witness"),
            (f"{witness}, a {self.pick(*OCCUPATIONS)} in {self.town}, said by telephone", "witness"),
            ("hospital sources said", "other"),
            ("the health ministry said", "government"),
        )
        return self.r.choice(options)

    # -- the article --------------------------------------------------------------------
    def write(self) -> tuple[str, str]:
        scenario = self.pick(self.battle, self.battle, self.air_strike, self.shelling, self.bombing,
                             self.attack_civilians, self.abduction, self.protest, self.riot, self.strategic)
        title, core = scenario()
        target = self.r.randint(MIN_WORDS + 40, MAX_WORDS - 40)
        # news order: the event, then reactions and the immediate aftermath, then background
        near = [self.quote_witness, self.quote_official, self.displacement, self.security_measures, self.quote_org,
                self.reaction_government, self.reaction_international]
        near += [self.hospital, self.funeral, self.verification, self.communications]
        far = [self.background_history, self.background_previous, self.background_numbers, self.humanitarian,
               self.context_economy, self.context_politics, self.background_region, self.aid_access,
               self.analyst, self.peace_talks, self.refugees, self.data_trend, self.quote_second_witness]
        self.r.shuffle(near)
        self.r.shuffle(far)
        fillers = near[: self.r.randint(2, 4)] + far + near[4:]
        paras = list(core)
        for fill in fillers:
            if count_words(paras) >= target:
                break
            paras.append(fill())
        while count_words(paras) > MAX_WORDS and len(paras) > 3:
            paras.pop(self.r.randint(2, len(paras) - 1))
        while count_words(paras) < MIN_WORDS:  # should not happen; a guard for the contract
            paras.append(self.background_numbers())
        dateline = self.pick(f"{self.town.upper()}, {self.c.name} — ", f"{self.town.upper()} ({self.pick('AFP', 'Reuters', 'AP')}) — ", "")
        paras[0] = dateline + paras[0]
        return title, "\n\n".join(paras)

    # -- scenarios (title, first paragraphs) ---------------------------------------------
    def battle(self):
        g, c = self.group, self.c
        soldiers = self.r.randint(2, 25)
        fighters = self.r.randint(5, 80)
        hours = self.r.randint(2, 9)
        src, _ = self.source()
        lead = self.pick(
            f"Fighting between {c.army} and {g.name} killed {self.toll(soldiers, 'soldiers')} {self.when()} near {self.town} "
            f"in {self.country()}'s {self.region} {c.region_word}, {src}.",
            f"{cap(g.name)} attacked a military base in {self.town}, {self.region} {c.region_word}, {self.when()}, "
            f"sparking a gun battle that lasted about {words(hours)} hours, {src}.",
            f"Heavy clashes broke out {self.when()} between {c.troops} and fighters from {g.name} on the outskirts of {self.town}, "
            f"{src}, with {self.toll(soldiers + fighters)} reported killed.",
        )
        claim = self.pick(
            f"In a statement, {c.army} said its troops had \"neutralised\" {self.toll(fighters, 'militants' if g.kind == 'jihadist' else 'fighters')} "
            f"and recovered {words(self.r.randint(5, 40))} rifles, {words(self.r.randint(2, 9))} motorcycles and {an('quantity')} of ammunition. "
            f"It said {words(soldiers)} soldiers had been killed and {words(self.r.randint(3, 30))} wounded.",
            f"{cap(g.short)} claimed on {self.pick(self.its(g) + ' Telegram channel', 'social media', self.its(g) + ' news agency')} that {self.its(g)} fighters had killed "
            f"{words(soldiers + self.r.randint(5, 40))} soldiers, a figure that could not be independently verified. The army put its own losses at {words(soldiers)}.",
            f"A security source said {words(soldiers)} soldiers and {self.toll(fighters, 'attackers')} died in the fighting, "
            f"which began at around {self.r.randint(1, 11)} {self.pick('a.m.', 'p.m.')} and involved {self.pick('mortars', 'heavy machine guns', 'rocket-propelled grenades', 'armed drones')}.",
        )
        detail = (
            f"The attackers arrived in {self.pick('dozens of pick-up trucks', 'about 50 motorcycles', 'several armoured vehicles', 'boats along the river')} "
            f"and targeted {self.pick('a checkpoint', 'the army post', 'a police station', 'a forward operating base')} about "
            f"{self.r.randint(3, 60)} km ({self.r.randint(2, 37)} miles) {self.pick(*DIRECTIONS)} of {self.other_town}. "
            f"{self.pick('Reinforcements', 'Air support', 'Special forces')} were sent from {self.other_town} and the area was \"under control\" by "
            f"{self.pick('the evening', 'dawn', 'midday')}, the army said."
        )
        title = self.pick(
            f"{cap(words(soldiers))} {'soldier' if soldiers == 1 else 'soldiers'} killed in clashes with {g.short} in {self.region}",
            f"Army says it repelled {self.tag(g)} attack on {self.town}",
            f"Fighting near {self.town} leaves {'dozens' if soldiers + fighters >= 24 else 'several'} dead, officials say",
            f"{c.name}: troops and {self.tag(g)} clash in {self.region}",
        )
        return title, [lead, claim, detail]

    def air_strike(self):
        c = self.c
        killed = self.r.randint(3, 60)
        injured = self.r.randint(5, 90)
        src, _ = self.source()
        src2, _ = self.source()
        place = self.pick("a busy market", "a wedding party", "a school", "a camp for displaced people", "a mosque",
                          "a fuel depot", "a residential block", "a health centre")
        weapon = self.pick("An air strike", "A drone strike", "Air strikes", "A missile strike", "A barrel bomb")
        by = self.pick(f"carried out by {c.army}", "blamed on military aircraft", f"attributed to {self.group.short}"
                       if self.group.kind == "rebel" else "by an unidentified aircraft")
        lead = f"{weapon} {by} hit {place} in {self.town} {self.when()}, killing {self.toll(killed)} and wounding {words(injured)} others, {src}."
        revise = self.pick(
            f"The toll rose to {words(killed + self.r.randint(2, 15))} {self.later_day()} after several of the wounded died in hospital, {src2}.",
            f"{cap(src2)} that {words(killed + self.r.randint(5, 30))} people had been killed, including {words(self.r.randint(2, 12))} children.",
            f"A medical worker at {self.town}'s main hospital said {words(self.r.randint(10, 40))} of the injured were in a critical condition.",
        )
        denial = self.pick(
            f"{cap(c.army)} denied targeting civilians, saying the strike had hit \"a command centre\" used by {self.group.short}.",
            "No one claimed responsibility for the strike.",
            f"A spokesman for {c.army} said the incident was being investigated.",
        )
        title = self.pick(
            f"{weapon.replace('An ', '').replace('A ', '').capitalize()} on {place.split(' ', 1)[1]} kills {killed} in {self.town}",
            f"{'Dozens' if killed >= 24 else 'Several'} killed as strike hits {place.split(' ', 1)[1]} in {self.country()}'s {self.region}",
            f"At least {killed} dead in strike on {self.town}, officials say",
        )
        return title, [lead, revise + " " + denial]

    def shelling(self):
        c = self.c
        killed = self.r.randint(0, 15)
        injured = self.r.randint(1, 40)
        shells = self.r.randint(8, 120)
        src, _ = self.source()
        effect = (f"killing {self.toll(killed)} and wounding {words(injured)}" if killed
                  else f"wounding {words(injured)} people; no deaths were reported")
        lead = (f"{self.pick('Artillery shells', 'Mortar rounds', 'Rockets', 'Shells')} fired by {self.pick(self.group.name, c.army)} "
                f"struck residential areas of {self.town} {self.when()}, {effect}, {src}.")
        detail = (f"Residents counted {words(shells)} explosions in the space of {words(self.r.randint(2, 6))} hours. Shells damaged "
                  f"{words(self.r.randint(10, 200))} houses, {plural(self.r.randint(1, 5), 'school')} and the water station that serves about "
                  f"{self.r.randint(20, 300)},000 people, the municipal authorities said.")
        title = self.pick(f"Shelling of {self.town} kills {killed}" if killed else f"Shelling wounds {injured} in {self.town}",
                          f"{self.town} shelled again as fighting intensifies in {self.region}")
        return title, [lead, detail]

    def bombing(self):
        c = self.c
        killed = self.r.randint(1, 40)
        injured = self.r.randint(0, 70)
        src, _ = self.source()
        device = self.pick("A roadside bomb", "An improvised explosive device", "A car bomb", "A suicide bomber",
                           "A landmine", "A bomb hidden in a motorcycle")
        target = self.pick("a minibus carrying passengers", "a police patrol", "a military convoy", "a crowded bus station",
                           "a checkpoint", "worshippers leaving a mosque", "a tractor carrying farmers")
        verb = "blew himself up near" if device == "A suicide bomber" else "exploded near"
        lead = (f"{device} {verb} {target} in {self.town} {self.when()}, killing {self.toll(killed)}"
                + (f" and wounding {words(injured)} others" if injured else "") + f", {src}.")
        claim = self.pick(
            f"No group immediately claimed responsibility, but {self.group.short} {self.has(self.group)} carried out similar attacks in {self.region}.",
            f"{cap(self.group.short)} claimed the attack in a statement, saying it had targeted \"agents of the government\".",
            f"Police said a second device was found and defused about {self.r.randint(50, 900)} metres from the blast site.",
        )
        title = self.pick(f"{device.split(' ', 1)[1].capitalize()} kills {killed} in {self.town}",
                          f"Blast in {self.region} kills {killed}, wounds {injured}",
                          f"Deadly explosion hits {self.town}")
        return title, [lead, claim]

    def attack_civilians(self):
        c = self.c
        killed = self.r.randint(2, 90)
        src, _ = self.source()
        src2, _ = self.source()
        attackers = self.pick("Gunmen", f"Suspected {self.tag(self.group)} fighters", "Armed men on motorcycles", f"Members of {self.militia}")
        village = self.pick("Tudun", "Kara", "Bula", "Nyala", "Kili", "Wadi", "Dar", "Koro") + self.pick("ri", "wa", "ba", "ma", "di", "ka")
        lead = (f"{attackers} stormed the village of {village} near {self.town} {self.when()}, killing {self.toll(killed)}, "
                f"{self.pick('burning homes and looting livestock', 'setting fire to the market', 'shooting residents as they fled')}, {src}.")
        second = self.pick(
            f"{cap(src2)} that {words(killed + self.r.randint(3, 25))} bodies had been recovered and that the search for the missing was continuing.",
            f"Local leaders put the toll higher, at {words(killed + self.r.randint(5, 40))}, and said {words(self.r.randint(5, 60))} people were still missing.",
            f"{cap(src2)} that the victims included {words(self.r.randint(2, 15))} women and children, and that {words(self.r.randint(3, 30))} people were injured.",
        )
        burial = (f"A mass burial was held {self.later_day()}. "
                  f"The village, home to about {self.r.randint(2, 15)},000 people, was almost empty by nightfall.")
        title = self.pick(f"Gunmen kill {killed} villagers near {self.town}", f"{killed} killed in attack on village in {self.country()}'s {self.region}",
                          f"Villagers bury dead after massacre in {self.region}")
        return title, [lead, second, burial]

    def abduction(self):
        c = self.c
        taken = self.r.randint(3, 300)
        src, _ = self.source()
        who = self.pick("students", "passengers", "worshippers", "farmers", "aid workers", "villagers")
        lead = (f"Gunmen abducted {self.toll(taken, who)} from {self.pick('a boarding school', 'a highway', 'a church', 'their farms', 'a village')} "
                f"near {self.town} {self.when()}, {src}.")
        extra = self.pick(
            f"{cap(words(self.r.randint(1, 9)))} people who tried to resist were shot dead, and {words(self.r.randint(1, 20))} escaped.",
            "No one was killed in the raid, police said, and security forces were \"combing the forest\" to rescue the captives.",
            f"The kidnappers have demanded a ransom of {self.r.randint(5, 100)} million {c.currency}, a relative said.",
        )
        title = self.pick(f"Gunmen kidnap {taken} {who} in {self.region}", f"{cap(who)} abducted near {self.town}")
        return title, [lead, extra]

    def protest(self):
        c = self.c
        crowd = self.pick("Hundreds of", "Thousands of", "Several hundred", "Dozens of", "Tens of thousands of")
        who = self.pick("people", "students", "traders", "women", "teachers", "opposition supporters", "residents")
        cause = self.pick("rising fuel prices", "the killing of a young man by police", "insecurity in the region",
                          "a disputed election result", "power cuts", "new taxes", "the arrest of an opposition leader",
                          "delays in paying salaries")
        lead = f"{crowd} {who} marched through {self.town} {self.when()} to protest against {cause}, {self.source()[0]}."
        outcome = self.pick(
            "The demonstration was peaceful and no casualties were reported.",
            f"Police fired tear gas and rubber bullets to disperse the crowd near the {self.pick('governor', 'district', 'regional')}'s office; "
            f"{words(self.r.randint(2, 40))} people were arrested.",
            f"Security forces opened fire on the protesters, killing {self.toll(self.r.randint(1, 12))}, {self.source()[0]}. "
            "The police said officers had acted in self-defence.",
            f"Organisers said about {self.r.randint(5, 50)},000 people took part; police put the figure at {self.r.randint(2, 4)},000.",
        )
        demands = (f"Protesters carried placards reading \"{self.pick('Enough is enough', 'We want peace', 'Justice now', 'Stop the killings')}\" "
                   f"and called on {self.pick(*c.parties)} to {self.pick('open talks', 'step aside', 'reverse the decision', 'release detainees')}. "
                   f"Organisers gave the government {words(self.r.randint(3, 14))} days to respond.")
        headline_crowd = {"Hundreds of": "Hundreds", "Thousands of": "Thousands", "Several hundred": "Hundreds",
                          "Dozens of": "Dozens", "Tens of thousands of": "Tens of thousands"}[crowd]
        title = self.pick(f"{headline_crowd} protest {cause} in {self.town}", f"Protesters rally in {self.town} over {cause}")
        return title, [lead, outcome, demands]

    def riot(self):
        c = self.c
        killed = self.r.choice((0, 0, 1, 2, 3, 5))
        src, _ = self.source()
        lead = self.pick(
            f"Angry youths set fire to a police station and blocked roads with burning tyres in {self.town} {self.when()}, "
            f"after {self.pick('a motorcycle taxi driver was killed at a checkpoint', 'rumours spread of a kidnapping', 'a disputed local election')}, {src}.",
            f"Supporters of {c.parties[0]} and {c.parties[1]} clashed with sticks, stones and machetes in {self.town} {self.when()}, {src}.",
            f"Rioters looted shops and torched {words(self.r.randint(2, 30))} vehicles in {self.town} {self.when()}, {src}.",
        )
        toll = (f"{cap(self.toll(killed))} {'was' if killed == 1 else 'were'} killed and {words(self.r.randint(5, 60))} injured in the violence."
                if killed else f"{cap(words(self.r.randint(3, 40)))} people were injured, but no deaths were reported.")
        curfew = (f"Authorities imposed a {self.r.randint(12, 72)}-hour curfew and deployed {self.r.randint(2, 9) * 100} extra police officers. "
                  f"{cap(words(self.r.randint(10, 150)))} people were arrested, the police said.")
        title = self.pick(f"Curfew imposed in {self.town} after riots", f"Rioting in {self.town} leaves {killed} dead" if killed else f"Rioters torch vehicles in {self.town}")
        return title, [lead, toll, curfew]

    def strategic(self):
        c, g = self.c, self.group
        kind = self.r.randrange(4)
        if kind == 0:
            n = self.r.randint(5, 120)
            lead = (f"{cap(c.army)} said {self.when()} it had arrested {words(n)} suspected members of {g.name} in raids around {self.town} "
                    f"and seized {words(self.r.randint(10, 200))} rifles, {self.r.randint(2, 40)},000 rounds of ammunition and "
                    f"{self.r.randint(1, 30)} kg of explosives.")
            title = f"{n} suspected {self.tag(g)} members arrested near {self.town}"
        elif kind == 1:
            lead = (f"{cap(g.name)} took control of {self.town} {self.when()} after government forces withdrew without a fight, "
                    f"{self.source()[0]}. No casualties were reported.")
            title = f"{cap(self.bare(g))} {'seize' if self.plural_group(g) else 'seizes'} {self.town} as troops pull out"
        elif kind == 2:
            lead = (f"Representatives of the government and {g.name} signed a {self.pick('ceasefire', 'peace agreement', 'prisoner exchange deal')} "
                    f"in {self.pick('Doha', 'Nairobi', 'Geneva', 'Addis Ababa', c.capital)} {self.when()}, covering {self.region} and {self.other_region}.")
            title = f"Government and {self.bare(g)} sign deal covering {self.region}"
        else:
            lead = (f"{cap(c.troops)} deployed {self.r.randint(2, 30) * 100:,} reinforcements and {words(self.r.randint(5, 40))} armoured vehicles to "
                    f"{self.town} {self.when()} ahead of a planned offensive against {g.short}, officials said.")
            title = f"Troops massed around {self.town} ahead of offensive"
        follow = (f"Officials have not disclosed whether there were casualties. The move follows weeks of tension in {self.region}, where "
                  f"{words(self.r.randint(2, 9))} districts remain under a state of emergency declared in {self.pub.year - self.r.randint(0, 3)}.")
        return title, [lead, follow]

    # -- filler paragraphs ---------------------------------------------------------------
    def quote_witness(self):
        name = self.person()
        job = self.pick(*OCCUPATIONS)
        kids = self.r.randint(2, 8)
        q = self.pick(
            f"We heard gunshots from around {self.r.randint(1, 5)} a.m. and everyone ran into the bush. When we came back, the houses were burning",
            "I lost my brother and two cousins. Nobody came to help us until the afternoon",
            "The shooting went on for hours. We hid under the beds with the children",
            "We are tired of running. Every year it is the same story, and every year it gets worse",
            f"There were bodies on the road. I counted more than {self.r.randint(10, 20)} before I stopped counting",
            "We have no food, no medicine and nowhere to go",
        )
        his, he = self.pick(("his", "He"), ("her", "She"))
        return (f"\"{q},\" said {name}, {an(job)} who fled to {self.other_town} with {his} {words(kids)} children. "
                f"{he} said the journey of about {self.r.randint(15, 120)} km took {words(self.r.randint(2, 4))} days on foot.")

    def quote_official(self):
        name, role = self.official()
        q = self.pick(
            "The situation is now under control and our troops are pursuing the attackers",
            "We will not allow these criminals to terrorise our people",
            "Investigations are ongoing and those responsible will be brought to justice",
            "We have reinforced security in all the affected communities",
            "The figures are still being verified and we will give an update in due course",
        )
        return f"\"{q},\" {name}, {role}, said {self.pick('at a news conference', 'in a statement', 'on state television', 'by telephone')}."

    def quote_org(self):
        org, role = self.r.choice(ORGS)
        name = self.person()
        q = self.pick(
            "Civilians continue to pay the highest price in this conflict",
            "Attacks on civilians and civilian infrastructure are prohibited under international humanitarian law",
            f"Our teams treated {self.r.randint(10, 90)} patients in the first {self.r.randint(12, 48)} hours, most of them with gunshot wounds",
            "Humanitarian needs in the area are at their highest level since the crisis began",
        )
        return f"\"{q},\" said {name}, {role} at {org}."

    def hospital(self):
        beds = self.r.randint(40, 400)
        return (f"At the {self.pick('general', 'referral', 'regional')} hospital in {self.other_town}, doctors said they had received "
                f"{plural(self.r.randint(3, 60), 'patient')} since {WEEKDAYS[self.event_day.weekday()]}, many with {self.pick('gunshot', 'shrapnel', 'burn')} wounds. "
                f"The {beds}-bed facility has {words(self.r.randint(2, 9))} surgeons and has appealed for blood donations.")

    def funeral(self):
        return (f"Hundreds of mourners gathered {self.later_day()} for the funerals of {self.pick('some of the victims', 'the dead', 'a local chief and his family')}. "
                f"Shops in the centre of {self.town} stayed shut and {self.pick('religious leaders', 'elders', 'local officials')} called for calm.")

    def verification(self):
        return (f"Videos shared on social media, which could not be independently verified, appeared to show {self.pick('thick smoke over the town', 'burned-out vehicles', 'people fleeing on foot', 'damaged buildings')}. "
                f"Reporters were unable to reach the area, which lies {self.r.randint(2, 9)} hours by road from {self.other_town}.")

    def communications(self):
        return (f"Telephone networks in {self.region} have been cut for {plural(self.r.randint(2, 40), 'day')}, making it difficult to verify casualty figures. "
                f"Officials said {words(self.r.randint(2, 12))} of the {self.r.randint(12, 40)} mobile phone masts in the area had been destroyed.")

    def analyst(self):
        name = self.person()
        inst = self.pick("the International Crisis Group", "a think-tank in " + self.c.capital, "the University of " + self.other_town,
                         "a security consultancy", "the Institute for Security Studies")
        q = self.pick(
            "The armed groups have adapted faster than the state. They move in small units and strike where the army is thinly stretched",
            "Military pressure alone will not end this. Without jobs and basic services, recruitment will continue",
            f"What we are seeing is a shift in tactics that began around {self.pub.year - self.r.randint(1, 4)}",
        )
        return f"\"{q},\" said {name}, an analyst at {inst}."

    def peace_talks(self):
        when, _ = self.past()
        return (f"Talks between the government and {self.group.short} collapsed {when} after {self.pick('both sides accused each other of violating a truce', 'disagreements over a prisoner release', 'the mediators withdrew')}. "
                f"{cap(an_n(self.r.randint(3, 15)))}-member committee set up to revive the process has met only {self.pick('once', 'twice', 'three times')}.")

    def refugees(self):
        return (f"More than {self.r.randint(2, 90)},000 people from {self.region} have crossed into neighbouring countries, according to UNHCR, "
                f"and a camp built for {self.r.randint(5, 30)},000 people near the border now holds almost twice that number.")

    def data_trend(self):
        return (f"Data compiled by monitoring groups show that the number of {self.pick('attacks', 'violent incidents', 'security incidents')} in {self.region} rose by "
                f"{self.r.randint(10, 90)} per cent in the first {words(self.r.randint(3, 9))} months of {self.pub.year - self.r.randint(0, 1)} compared with the same period a year earlier.")

    def quote_second_witness(self):
        name = self.person()
        q = self.pick(
            "Our children have not been to school for a year",
            "The soldiers came after everything was over",
            "We used to farm until the rains ended. Now nobody dares go to the fields",
        )
        return f"\"{q},\" {name}, who lives in {self.other_town}, told reporters {self.pick('by phone', 'at a displacement camp', 'outside the hospital')}."

    def background_history(self):
        g, c = self.group, self.c
        since = min(g.since, self.pub.year - 1)
        years = self.pub.year - since
        span = f"for {words(years)} years" if years > 1 else "since last year" if years == 1 else "this year"
        return (f"{cap(g.short)} {self.has(g)} been fighting in {self.country()}'s {self.region} {c.region_word} {span}. "
                f"The violence has {self.pick('killed thousands of people', 'claimed tens of thousands of lives')} and forced more than "
                f"{self.r.randint(10, 35) / 10:.1f} million people from their homes, according to {self.pick('United Nations figures', 'aid agencies', 'government estimates')}. "
                f"{self.pick('Several', 'Repeated', 'Two')} military offensives since {since + 1} have failed to end the conflict.")

    def background_previous(self):
        when, _ = self.past()
        n = self.r.randint(4, 150)
        return self.pick(
            f"{cap(when)}, a similar attack on {self.other_town} killed {words(n)} people, one of the deadliest incidents in the {self.c.region_word} that year.",
            f"The area has been attacked before. {cap(when)}, {words(n)} soldiers were killed when {self.group.short} overran a base near {self.other_town}.",
            f"{cap(when)}, {words(self.r.randint(20, 300))} people were abducted from a school in {self.other_region}; most were released after {words(self.r.randint(2, 9))} months.",
        )

    def background_numbers(self):
        pop = self.r.randint(20, 900) * 1000
        return (f"{self.town}, a town of about {pop:,} people, lies some {self.r.randint(10, 400)} km ({self.r.randint(6, 250)} miles) "
                f"{self.pick(*DIRECTIONS)} of {self.c.capital}. It hosts {self.pick('a garrison of about', 'a force of roughly', 'a police contingent of')} "
                f"{self.r.randint(2, 40) * 100:,} {self.pick('troops', 'officers', 'personnel')} and a market that draws traders from {words(self.r.randint(3, 9))} neighbouring districts "
                f"every {self.pick(*WEEKDAYS)}.")

    def humanitarian(self):
        org, _ = self.r.choice(ORGS)
        return (f"According to {org}, {self.r.randint(2, 40)},{self.r.randint(100, 999)} people need humanitarian assistance in {self.region}, "
                f"and only {self.r.randint(8, 45)} per cent of this year's ${self.r.randint(50, 900)} million aid appeal has been funded. "
                f"Some {words(self.r.randint(10, 400))} schools and {words(self.r.randint(3, 60))} health facilities in the {self.c.region_word} are closed.")

    def displacement(self):
        n = self.r.randint(3, 60) * 100
        return self.pick(
            f"About {n:,} people have fled {self.town} since {WEEKDAYS[self.event_day.weekday()]}, the International Organization for Migration said, "
            f"many of them to camps around {self.other_town}.",
            f"Local authorities said {n:,} households had been registered as newly displaced in {self.region} over the past {words(self.r.randint(2, 6))} weeks.",
        )

    def reaction_international(self):
        return self.pick(
            "The United Nations Secretary-General condemned the violence and urged all parties to protect civilians. "
            "The African Union and the European Union issued similar statements.",
            f"Washington's embassy in {self.c.capital} said it was \"deeply concerned\" and called for an independent investigation.",
            f"The UN human rights office said it had documented {self.r.randint(20, 900)} incidents affecting civilians in {self.region} since January.",
        )

    def reaction_government(self):
        return (f"{self.pick('The president', 'The prime minister', 'The interior minister', 'The governor')} "
                f"{self.pick('ordered an investigation', 'declared three days of mourning', 'visited the wounded in hospital', 'promised to compensate the victims')} "
                f"and announced a reconstruction fund of {self.r.randint(1, 20)} billion {self.c.currency}.")

    def context_economy(self):
        return (f"The violence has disrupted farming in a {self.c.region_word} that produces about {self.r.randint(10, 60)} per cent of the country's "
                f"{self.pick('maize', 'sorghum', 'rice', 'cocoa', 'cattle', 'coffee')}. Food prices in {self.town} have risen by {self.r.randint(15, 120)} per cent "
                f"since {self.pick(*MONTHS)}, traders said.")

    def context_politics(self):
        return (f"The violence comes {words(self.r.randint(2, 11))} months before {self.pick('presidential', 'general', 'local', 'legislative')} elections "
                f"due in {self.pub.year + self.r.randint(0, 1)}, and weeks after the government replaced {self.pick('the army chief', 'the defence minister', 'the regional governor')}.")

    def security_measures(self):
        return (f"Security forces have closed the road between {self.town} and {self.other_town}, "
                f"{self.pick('National Road', 'Route', 'Highway')} {self.r.randint(1, 30)}, and set up {words(self.r.randint(3, 15))} new checkpoints. "
                f"A curfew from {self.r.randint(17, 22)}:00 to 0{self.r.randint(5, 7)}:00 remains in force.")

    def background_region(self):
        when, _ = self.past()
        return (f"{self.region} borders {self.other_region_than()} and has seen a sharp rise in {self.pick('attacks', 'kidnappings', 'clashes')} since {self.group.short} "
                f"expanded {self.its(self.group)} operations there. {cap(when)}, the government said it had deployed {an_n(self.r.randint(1, 9) * 1000)}-strong force to the area.")

    def aid_access(self):
        return (f"Aid agencies said {words(self.r.randint(3, 40))} trucks carrying food and medicine were stuck at {self.other_town}, "
                f"{self.r.randint(20, 200)} km away, because of insecurity on the road. A convoy reached {self.town} {self.pick('last month', 'in ' + self.pick(*MONTHS))} "
                f"for the first time in {words(self.r.randint(2, 11))} months.")


def an_n(n: int) -> str:
    """'an 8,000', 'an 11', 'a 12': the article before a number in figures or words."""
    spoken = words(n)
    vowel = spoken[0] in "aeiou" or str(n).startswith("8") or n in (11, 18) or 11000 <= n < 12000 or 18000 <= n < 19000
    return ("an " if vowel else "a ") + spoken


def plural(n: int, noun: str) -> str:
    return f"{words(n)} {noun}" + ("" if n == 1 else "s")


def count_words(paras: list[str]) -> int:
    return sum(len(p.split()) for p in paras)


# --------------------------------------------------------------------------- API


def article(i: int, seed: int = 0) -> dict:
    """Article number ``i`` of the stream for ``seed``."""
    r = random.Random(f"clashwatch-articles:{seed}:{i}")
    published = dt.date(2019, 1, 1) + dt.timedelta(days=r.randrange(6 * 365))
    title, text = Writer(r, published).write()
    return {"id": f"synthetic-{seed}-{i:05d}", "text": text, "published": published.isoformat(), "title": title}


def generate(n: int, seed: int = 0) -> list[dict]:
    """``n`` synthetic articles ``{"id", "text", "published", "title"}``, deterministic for ``seed``."""
    return [article(i, seed) for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, nargs="?", default=10, help="number of articles (default 10)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    out = sys.stdout
    for i in range(args.n):
        out.write(json.dumps(article(i, args.seed), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
