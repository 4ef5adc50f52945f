"""User actor dictionaries: files of the packaged schemas that add or override entries, named by the
caller (``ActorLexicon.load``, the ``extra_dictionaries`` setting) or by ``$DETENTE_ACTORS``."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from detente.components.lexicon import ActorLexicon, user_dictionaries

PEOPLE_HEADER = "id\tname\taliases\tcountry\tsector\troles\tvalid_from\tvalid_to\twikidata\n"


@pytest.fixture()
def people_file(tmp_path: Path) -> Path:
    """A user people file: one person the packaged dictionary lacks, one packaged person overridden."""
    path = tmp_path / "my_people.tsv"
    path.write_text(
        "# a user's own people file\n" + PEOPLE_HEADER
        + "ngozi-adeyemi\tNgozi Adeyemi\tAdeyemi\tNGA\tGOV\tNational Security Adviser\t2024-01-01\t\t\n"
        + "dmitry-peskov\tDmitry Peskov\tDmitri Peskov|Peskov\tBLR\tGOV\tpress secretary\t\t\t\n",
        encoding="utf-8",
    )
    return path


def test_user_file_adds_an_unknown_person_with_country_and_role(people_file: Path) -> None:
    assert ActorLexicon.load().lookup("Ngozi Adeyemi") is None
    entry = ActorLexicon.load([people_file]).lookup("Ngozi Adeyemi", on=date(2025, 5, 1))
    assert entry is not None
    assert (entry.kind, entry.country, entry.sector) == ("person", "NGA", "GOV")
    assert entry.roles[0] == "National Security Adviser"


def test_user_row_overrides_a_packaged_persons_country(people_file: Path) -> None:
    packaged = ActorLexicon.load().lookup("Dmitry Peskov")
    assert packaged is not None and packaged.country == "RUS"
    user = ActorLexicon.load([people_file])
    for form in ("Dmitry Peskov", "Dmitri Peskov", "Peskov"):
        entry = user.lookup(form)
        assert entry is not None and entry.country == "BLR", form
    assert user.lookup("Vladimir Putin") is not None, "the rest of the packaged dictionary stays"


def test_later_user_file_wins(people_file: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.tsv"
    second.write_text(PEOPLE_HEADER + "ngozi-adeyemi\tNgozi Adeyemi\t\tGHA\tDIP\tAmbassador\t\t\t\n",
                      encoding="utf-8")
    entry = ActorLexicon.load([people_file, second]).lookup("Ngozi Adeyemi")
    assert entry is not None and (entry.country, entry.sector) == ("GHA", "DIP")


def test_unrecognised_header_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("who\twhat\nx\ty\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        ActorLexicon.load([bad])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, []),
        ("", []),
        ("/data/a.tsv", ["/data/a.tsv"]),
        (f"/data/a.tsv{os.pathsep}{os.pathsep}/data/b.tsv", ["/data/a.tsv", "/data/b.tsv"]),
    ],
)
def test_user_dictionaries_reads_detente_actors(value: str | None, expected: list[str]) -> None:
    env = {} if value is None else {"DETENTE_ACTORS": value}
    assert user_dictionaries(env) == [Path(p) for p in expected]


def test_user_dictionaries_expands_home() -> None:
    paths = user_dictionaries({"DETENTE_ACTORS": "~/actors.tsv", "HOME": "/ignored"})
    assert paths == [Path("~/actors.tsv").expanduser()]


@pytest.mark.slow
def test_pipeline_uses_the_user_dictionary(people_file: Path) -> None:
    from detente.pipeline import build_nlp, run

    nlp = build_nlp(component_config={"detente_actors": {"extra_dictionaries": [str(people_file)]}})
    doc = run(nlp, "Ngozi Adeyemi met Dmitry Peskov in Abuja on Monday. Adeyemi said the talks were useful.",
              date(2025, 5, 17))
    actors = {a.name: a for a in doc._.actors}
    adeyemi = actors["Ngozi Adeyemi"]
    assert adeyemi.kind == "person" and adeyemi.country == "NGA"
    assert adeyemi.roles == ["National Security Adviser"]
    assert len(adeyemi.mentions) == 2, "the bare surname joins the person"
    assert actors["Dmitry Peskov"].country == "BLR"
