"""The offline gazetteer: name resolution, and the local cache that spares each process the build."""

from __future__ import annotations

import pytest

from detente import cache
from detente.components.places import Gazetteer


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(("name", "country"), [("Kyiv", "UKR"), ("Kiev", "UKR"), ("St. Petersburg", "RUS"),
                                               ("the United States", "USA"), ("Florida", "USA")])
def test_names_resolve_to_their_country(built: Gazetteer, name: str, country: str) -> None:
    place = built.resolve(name)
    assert place is not None and place.country == country


def test_the_cache_is_written_once_and_read_back_identical(built, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path))
    first = Gazetteer.load()
    (cached,) = tmp_path.glob("gazetteer-*.pickle")
    monkeypatch.setattr(Gazetteer, "__init__", lambda self, *a: pytest.fail("rebuilt despite the cache"))
    again = Gazetteer.load()
    for name in ("Kyiv", "Kiev", "Saint Petersburg", "Texas", "France", "Springfield"):
        assert again.resolve(name) == first.resolve(name) == built.resolve(name)
    assert list(tmp_path.glob("*.tmp")) == [] and cached.exists()


def test_a_broken_cache_is_rebuilt_and_off_writes_nothing(built, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path))
    Gazetteer.load()
    (cached,) = tmp_path.glob("gazetteer-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert Gazetteer.load().resolve("Kyiv") == built.resolve("Kyiv")
    assert cached.stat().st_size > 1000  # replaced by a good one
    monkeypatch.setenv("DETENTE_CACHE", "off")
    monkeypatch.setattr(cache, "_write_atomically", lambda *a: pytest.fail("cache written while off"))
    assert Gazetteer.load().resolve("Kiev") == built.resolve("Kiev")


def test_an_airport_code_is_no_name_of_its_city() -> None:
    from detente.components.places import shared_gazetteer

    gaz = shared_gazetteer()
    assert gaz.resolve("Sea") is None  # "SEA" is Seattle's airport code; "the Red Sea" is no Seattle
    assert gaz.resolve("Seattle") is not None and gaz.resolve("Seattle").country == "USA"
