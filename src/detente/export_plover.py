"""Export a detente record as PLOVER JSON records or as GDELT/ICEWS-style CAMEO tab lines.

detente keeps an act and its factuality apart (``type`` is the act, ``status`` says whether it
happened); PLOVER and CAMEO data sets have no factuality field and code only what happened or was
said. These exports translate one into the other, following the PLOVER manual (draft 2.0,
openeventdata/PLOVER, ``PLOVER_MANUAL.tex``):

* **Future acts** (``status == "planned"``). The manual codes "cooperative actions of types
  CONSULT, SUPPORT, COOPERATE and AID reported in future tense" as AGREE (an intention), and
  "announcements of future retreats" as CONCEDE ("announced ... would withdraw troops"). Other
  planned acts keep their type and carry the manual's auxiliary mode ``future`` in ``context``
  (the manual: a future CONCEDE "should be left as it is"). An AGREE/CONCEDE made from a planned
  act is dated on the day of the announcement (the article's publication date), not the day the
  act is due: the coded event is the announcement. The planned time is kept in
  ``detente.planned_for``.
* **Unasserted acts.** ``possible`` events ("did not rule out a meeting", "could release") are
  *not* exported by default: the text neither reports the act nor anyone's commitment to it, so
  coding it AGREE would overstate it and coding the act would report something that did not
  happen. ``not_occurred`` and ``denied`` events, and any negated trigger, are not exported
  either (the manual: "negated events can be excluded from the final event dataset"). With
  ``include_unasserted=True`` they are exported with their own type and the manual's auxiliary
  modes in ``context``: ``hypothetical`` for possible, ``negation`` for the others, so a user can
  filter them.
* **Joint acts** (both sides in ``sources`` and ``targets``: talks, swaps, agreements). PLOVER
  lists all participants as ``actor`` and no ``recipient`` (manual, "Compound and Reciprocal
  Actors"). CAMEO data sets are dyadic and code a reciprocal act once per direction, so a joint
  act gives one CAMEO line for each ordered pair of participants.

Field names follow the manual's data-fields chapter (``actor``/``recipient`` replaced
``source``/``target`` in 2.0; ``event``, ``mode`` and ``context`` are lists; ``event_loc`` is
the Mordecai-3-style location object). What PLOVER has no field for (status, CAMEO code,
evidence spans, the ``about`` link, confidence) goes under the extension key ``detente``, which
the manual allows ("providers should feel free to include named fields beyond those provided").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

CODER = "detente"

# PLOVER quad categories (PLOVER.md: SANCTION is material conflict; the manual's own quad table
# lists it under verbal conflict but its summary table under material conflict).
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# PLOVER conflict-cooperation scores (manual draft 2.0, table "PLOVER conflict--cooperation
# scores"), by type and by "TYPE:mode". The manual prints +3 for bare ACCUSE while every ACCUSE
# mode is negative (-2 to -3.5): a dropped minus sign, so -3 here.
PLOVER_SCORE: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "CONSULT:visit": 4.0, "CONSULT:third-party": 1.0,
    "CONSULT:multilateral": 4.0, "CONSULT:phone": 1.5, "SUPPORT": 5.0, "CONCEDE": 4.5,
    "COOPERATE": 9.5, "AID": 10.0, "RETREAT": 6.5, "RETREAT:withdraw": 8.0, "RETREAT:release": 6.5,
    "RETREAT:disarm": 10.0, "RETREAT:ceasefire": 7.5, "RETREAT:access": 6.5, "RETREAT:resign": 4.5,
    "REQUEST": 0.0, "REQUEST:assist": 0.5, "REQUEST:change": -1.0, "REQUEST:yield": -1.0,
    "REQUEST:meet": 0.0, "ACCUSE": -3.0, "ACCUSE:disapprove": -2.0, "ACCUSE:investigate": -3.5,
    "ACCUSE:allege": -3.5, "REJECT": -2.0, "REJECT:assist": -1.5, "REJECT:change": -2.0,
    "REJECT:yield": -2.0, "REJECT:meet": -2.0, "THREATEN": -3.5, "THREATEN:restrict": -3.0,
    "THREATEN:arrest": -3.5, "THREATEN:relations": -3.5, "THREATEN:expel": -3.5,
    "THREATEN:territory": -4.0, "THREATEN:violence": -3.5, "PROTEST": -5.0, "PROTEST:demo": -5.0,
    "PROTEST:riot": -7.0, "PROTEST:strike": -5.0, "PROTEST:hunger": -4.5, "PROTEST:boycott": -4.5,
    "PROTEST:obstruct": -4.5, "SANCTION": -6.0, "SANCTION:convict": -6.0, "SANCTION:expel": -5.5,
    "SANCTION:withdraw": -6.0, "SANCTION:discontinue": -6.0, "MOBILIZE": -5.5,
    "MOBILIZE:troops": -6.5, "MOBILIZE:weapons": -6.5, "MOBILIZE:police": -5.5,
    "MOBILIZE:militia": -6.0, "COERCE": -7.0, "COERCE:seize": -7.0, "COERCE:restrict": -7.0,
    "COERCE:censor": -6.5, "COERCE:curfew": -6.5, "COERCE:martial-law": -7.5, "COERCE:arrest": -7.0,
    "COERCE:deport": -7.0, "COERCE:withhold": -7.0, "COERCE:misinformation": -6.5,
    "COERCE:cyber": -7.0, "ASSAULT": -9.0, "ASSAULT:abduct": -8.5, "ASSAULT:beat": -7.5,
    "ASSAULT:torture": -8.5, "ASSAULT:sexual": -8.5, "ASSAULT:targeted": -9.5,
    "ASSAULT:destroy": -8.5, "ASSAULT:primitive": -8.0, "ASSAULT:firearms": -9.0,
    "ASSAULT:explosives": -9.0, "ASSAULT:suicide-attack": -9.5, "ASSAULT:aerial": -9.5,
    "ASSAULT:drone": -9.5, "ASSAULT:heavy-weapons": -9.5, "ASSAULT:crowd-control": -7.5,
    "ASSAULT:unconventional": -10.0,
}

# The Goldstein (1992) conflict-cooperation scale as mapped onto CAMEO codes for GDELT and the
# Phoenix data (GDELT lookup CAMEO.goldsteinscale.txt), at root and three-digit level plus the
# four-digit codes whose value differs from their parent. A code not listed takes its
# three-digit parent's value, then its root's, so GDELT/ICEWS users can compare sums directly.
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0,
    "016": -2.0, "017": 0.0, "018": 3.4, "019": 3.4,
    "02": 3.0, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3,
    "026": 4.0, "027": 4.0, "028": 4.0,
    "03": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "0334": 6.0, "034": 7.0, "035": 7.0,
    "036": 4.0, "037": 5.0, "038": 7.0, "039": 5.0,
    "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0, "056": 7.0,
    "057": 8.0,
    "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
    "08": 5.0, "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0, "086": 9.0,
    "087": 9.0, "0874": 10.0,
    "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
    "10": -5.0, "100": -5.0, "101": -5.0, "102": -5.0, "103": -5.0, "104": -5.0, "105": -5.0,
    "106": -5.0, "107": -5.0, "108": -5.0, "109": -5.0,
    "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0,
    "116": -2.0,
    "12": -4.0, "120": -4.0, "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0, "125": -5.0,
    "126": -5.0, "127": -5.0, "128": -5.0,
    "13": -6.0, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8,
    "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0,
    "14": -6.5, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5,
    "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
    "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "163": -6.5, "164": -7.0, "165": -7.0,
    "166": -8.0,
    "17": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
    "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "1821": -9.0, "1822": -9.0, "1823": -10.0,
    "183": -10.0, "184": -8.0, "185": -8.0, "186": -10.0,
    "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0, "195": -10.0,
    "196": -9.5,
    "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}

# A planned act exported as the intention it is (CAMEO 03 "express intent to ...", and for
# PLOVER the manual's AGREE / CONCEDE rules). CAMEO codes an announced release or cease-fire
# as an intent to yield (035x), which CAMEO2PLOVER maps to AGREE; the PLOVER manual instead codes
# an announced future retreat as CONCEDE. Each export follows its own standard.
FUTURE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
FUTURE_TO_CONCEDE = frozenset({"RETREAT"})
_INTENT_BY_TYPE = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
                   "RETREAT": "035", "CONCEDE": "035"}
_INTENT_BY_CAMEO3 = {"061": "0311", "062": "0312", "063": "0313", "064": "0314",
                     "071": "0331", "072": "0332", "073": "0333", "074": "0334",
                     "081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355",
                     "087": "0356"}
_INTENT_BY_RETREAT_MODE = {"release": "0353", "ceasefire": "0356", "withdraw": "0356",
                           "disarm": "0356", "access": "0355", "resign": "0341"}

ASSERTED = frozenset({"occurred", "ongoing", "planned"})
UNASSERTED_CONTEXT = {"possible": "hypothetical", "not_occurred": "negation", "denied": "negation"}
NON_STATE_CODES = frozenset({"IGO", "NGO", "ISM", "IMG", "MNC"})
WIKIDATA_CODES = {"Q1065": "UNO", "Q458": "EUR"}  # the manual's two named IGOs

CAMEO_COLUMNS = (
    "date", "source_name", "source_code", "target_name", "target_code", "cameo", "plover_type",
    "quad_class", "goldstein", "location", "location_country", "lat", "lon", "geonames",
    "article_id", "event_id", "evidence",
)
CAMEO_HEADER = "\t".join(CAMEO_COLUMNS)

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"T(\d{2}:\d{2}(?::\d{2})?)")
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------------------- shared helpers
def exported_type(event: dict[str, Any]) -> tuple[str, bool]:
    """PLOVER type after the manual's future rules, and whether the event is exported as an
    announcement (planned)."""
    etype = str(event.get("type"))
    if event.get("status") != "planned":
        return etype, False
    if etype in FUTURE_TO_AGREE:
        return "AGREE", True
    if etype in FUTURE_TO_CONCEDE:
        return "CONCEDE", True
    return etype, True


def is_asserted(event: dict[str, Any]) -> bool:
    """Reported as done, going on or announced; not possible, failed, denied or negated."""
    return event.get("status") in ASSERTED and not event.get("negated")


def _full_date(value: str | None) -> str | None:
    if value and _FULL_DATE.match(value):
        return value[:10]
    return None


def _event_date(record: dict[str, Any], event: dict[str, Any], announced: bool) -> tuple[str | None, str]:
    """``(YYYY-MM-DD, where from)``: the event's own day when the text gives one, else the
    publication day. An announcement is dated when it was made (publication), not when the
    announced act is due."""
    published = _full_date(str((record.get("document") or {}).get("published") or ""))
    own = _full_date((event.get("time") or {}).get("value"))
    if own and not announced:
        return own, "event"
    return published, "published" if published else "unknown"


def _actors(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(a["id"]): a for a in record.get("actors") or [] if "id" in a}


def is_joint(event: dict[str, Any]) -> bool:
    """Both sides listed as sources and as targets (talks, swaps, agreements)."""
    sources, targets = set(event.get("sources") or []), set(event.get("targets") or [])
    return len(sources) > 1 and sources == targets


def _top_code(actor: dict[str, Any]) -> str | None:
    """PLOVER's 3-character top-level code: the country, else the manual's non-state codes."""
    if actor.get("wikidata") in WIKIDATA_CODES:
        return WIKIDATA_CODES[str(actor["wikidata"])]
    if actor.get("country"):
        return str(actor["country"])
    if actor.get("sector") in NON_STATE_CODES:
        return str(actor["sector"])
    return None


def _sector(actor: dict[str, Any]) -> str | None:
    sector = actor.get("sector")
    if not sector or sector == _top_code(actor) or (sector in NON_STATE_CODES and _top_code(actor) in
                                                    WIKIDATA_CODES.values()):
        return None
    return str(sector)


def _evidence_texts(record: dict[str, Any], event: dict[str, Any]) -> list[str]:
    text = str((record.get("document") or {}).get("text") or "")
    out: list[str] = []
    for span in event.get("evidence") or []:
        if len(span) == 2 and 0 <= span[0] <= span[1] <= len(text):
            out.append(text[span[0]:span[1]])
    return out


# ---------------------------------------------------------------------------- PLOVER JSON
def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    roles = actor.get("roles") or []
    return {
        "code": _top_code(actor),
        "sector": _sector(actor),
        "entity_text": actor.get("name"),
        "identifier_id": actor.get("wikidata"),
        "identifier_text": actor.get("name"),
        "office": roles[0] if roles else None,
        "detente_actor": actor.get("id"),
    }


def _event_loc(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    return {
        "resolved_place": place.get("name"),
        "geonameid": place.get("geonames"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "country_code": place.get("country"),
    }


def plover_score(etype: str, mode: str | None) -> float | None:
    """The manual's PLOVER score for a type and mode (the type's own score for other modes)."""
    if mode and f"{etype}:{mode}" in PLOVER_SCORE:
        return PLOVER_SCORE[f"{etype}:{mode}"]
    return PLOVER_SCORE.get(etype)


def _context(event: dict[str, Any], converted: bool) -> list[str]:
    """The manual's auxiliary modes. An AGREE/CONCEDE made from a planned act already is the
    intention, so it carries none ("return the single event category, not category+auxiliary")."""
    if converted:
        return []
    status = str(event.get("status"))
    context: list[str] = []
    if status == "planned":
        context.append("future")
    elif status in UNASSERTED_CONTEXT:
        context.append(UNASSERTED_CONTEXT[status])
    if event.get("negated") and "negation" not in context:
        context.append("negation")
    return context


def plover_records(record: dict[str, Any], include_unasserted: bool = False) -> list[dict[str, Any]]:
    """One PLOVER JSON record per event the article asserts (see the module docstring).

    ``record`` is a CODEBOOK record (``Record.to_dict()``). Planned CONSULT/SUPPORT/COOPERATE/AID
    become AGREE, planned RETREAT becomes CONCEDE, other planned acts keep their type with
    ``context`` ``["future"]``. Possible, not-occurred, denied and negated events are left out
    unless ``include_unasserted`` (then ``context`` says ``hypothetical`` or ``negation``).
    """
    document = record.get("document") or {}
    actors = _actors(record)
    out: list[dict[str, Any]] = []
    for event in record.get("events") or []:
        if not (include_unasserted or is_asserted(event)):
            continue
        etype, announced = exported_type(event)
        converted = etype != event.get("type")
        mode = None if converted else event.get("mode")
        joint = is_joint(event)
        sources = list(dict.fromkeys(event.get("sources") or []))
        targets = [] if joint else [t for t in dict.fromkeys(event.get("targets") or []) if t not in sources]
        day, day_from = _event_date(record, event, announced)
        time_value = (event.get("time") or {}).get("value")
        clock = _CLOCK.search(time_value or "") if day_from == "event" else None
        evidence = [list(span) for span in event.get("evidence") or []]
        first = evidence[0] if evidence else list((event.get("trigger") or {}).get("span") or [None, None])
        status = str(event.get("status"))
        out.append({
            "id": f"{document.get('id')}-{event.get('id')}",
            "has_event": True,
            "date": day,
            "time": clock.group(1) if clock else None,
            "actor": [_entity(actors[a]) for a in sources if a in actors],
            "recipient": [_entity(actors[a]) for a in targets if a in actors],
            "event": [etype],
            "mode": [mode] if mode else [],
            "context": _context(event, converted),
            "event_loc": _event_loc(event.get("place")),
            "event_text": [(event.get("trigger") or {}).get("text")],
            "quad_code": PLOVER_QUAD.get(etype),
            "event_scale": plover_score(etype, mode),
            "text_info": {"sequence": event.get("sentence"), "start": first[0], "end": first[1]},
            "cite_info": {
                "citation": document.get("id"), "url": document.get("url"), "title": document.get("title"),
                "publication": document.get("source"), "language": document.get("language"),
            },
            "coder": CODER,
            "comment": f"planned {event.get('type')} coded {etype} (PLOVER manual, future acts)"
            if converted else None,
            "detente": {
                "event_id": event.get("id"),
                "type": event.get("type"),
                "mode": event.get("mode"),
                "status": status,
                "negated": bool(event.get("negated")),
                "cameo": event.get("cameo"),
                "joint": joint,
                "date_from": day_from,
                "time_value": time_value,
                "planned_for": time_value if status == "planned" else None,
                "reported_by": event.get("reported_by"),
                "about": event.get("about"),
                "condition": event.get("condition"),
                "evidence": evidence,
                "evidence_text": _evidence_texts(record, event),
                "confidence": event.get("confidence"),
            },
        })
    return out


# ---------------------------------------------------------------------------- CAMEO lines
def cameo_quad(code: str | None) -> int | None:
    """GDELT's QuadClass from the CAMEO root: 01-05 verbal cooperation, 06-08 material
    cooperation, 09-13 verbal conflict, 14-20 material conflict."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    for last, quad in ((5, 1), (8, 2), (13, 3), (20, 4)):
        if 1 <= root <= last:
            return quad
    return None


def goldstein(code: str | None) -> float | None:
    """The CAMEO Goldstein value of a code: exact, else its three-digit parent, else its root."""
    if not code:
        return None
    for key in (code, code[:3], code[:2]):
        if key in GOLDSTEIN:
            return GOLDSTEIN[key]
    return None


def intent_code(event: dict[str, Any]) -> str | None:
    """CAMEO code for the announcement of a planned act (CAMEO 03, "express intent to ..."),
    or None when CAMEO has no intent code for that type (planned conflict acts)."""
    etype = str(event.get("type"))
    cameo = str(event.get("cameo") or "")
    if etype == "AGREE":
        return cameo or "030"
    if etype not in _INTENT_BY_TYPE:
        return None
    if etype == "RETREAT" and event.get("mode") in _INTENT_BY_RETREAT_MODE:
        return _INTENT_BY_RETREAT_MODE[str(event.get("mode"))]
    return _INTENT_BY_CAMEO3.get(cameo[:3]) or _INTENT_BY_TYPE[etype]


def cameo_actor_code(actor: dict[str, Any] | None) -> str:
    """CAMEO actor code: country (or non-state root) + sector, e.g. RUSGOV, UKRMIL, RUS, IGO."""
    if actor is None:
        return ""
    return (_top_code(actor) or "") + (_sector(actor) or "")


def _cell(value: object) -> str:
    """One TSV cell: tabs and line breaks inside evidence would break the line into columns."""
    if value is None:
        return ""
    return _SPACE.sub(" ", str(value)).strip()


def _pairs(event: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    sources = list(dict.fromkeys(event.get("sources") or []))
    targets = list(dict.fromkeys(event.get("targets") or []))
    if is_joint(event):
        return [(a, b) for a in sources for b in sources if a != b]
    pairs: list[tuple[str | None, str | None]] = [(a, b) for a in sources for b in targets if a != b]
    if not pairs and sources:
        return [(a, None) for a in sources]
    if not pairs and targets:
        return [(None, b) for b in targets]
    return pairs


def cameo_lines(record: dict[str, Any], include_unasserted: bool = False) -> list[str]:
    """Tab-separated GDELT/ICEWS-style lines, one per source-target pair (columns: ``CAMEO_HEADER``).

    ``date`` is YYYYMMDD (the event's own day, else the publication day; for an announced act
    the publication day); ``quad_class`` and ``goldstein`` follow the CAMEO code, as in GDELT,
    so counts and sums compare with GDELT/ICEWS; ``plover_type`` applies the PLOVER future rules.
    A planned act is coded as the announcement of intent (CAMEO 03x); planned acts CAMEO has no
    intent code for (planned attacks, sanctions, demands) are left out, since CAMEO would count
    them as done. Unasserted events (possible, not_occurred, denied, negated) are left out unless
    ``include_unasserted``. No header line: prepend ``CAMEO_HEADER`` when writing a file.
    """
    document = record.get("document") or {}
    actors = _actors(record)
    lines: list[str] = []
    for event in record.get("events") or []:
        if not (include_unasserted or is_asserted(event)):
            continue
        plover_type, announced = exported_type(event)
        code = intent_code(event) if announced else event.get("cameo")
        if announced and code is None:
            continue
        day, _ = _event_date(record, event, announced)
        place = event.get("place") or {}
        evidence = _evidence_texts(record, event)
        gold = goldstein(code)
        for src, tgt in _pairs(event):
            s_actor = actors.get(src) if src else None
            t_actor = actors.get(tgt) if tgt else None
            row: Iterable[object] = (
                day.replace("-", "") if day else "",
                s_actor.get("name") if s_actor else "", cameo_actor_code(s_actor),
                t_actor.get("name") if t_actor else "", cameo_actor_code(t_actor),
                code, plover_type, cameo_quad(code), f"{gold:.1f}" if gold is not None else "",
                place.get("name"), place.get("country"), place.get("lat"), place.get("lon"),
                place.get("geonames"), document.get("id"), event.get("id"),
                evidence[0] if evidence else (event.get("trigger") or {}).get("text"),
            )
            lines.append("\t".join(_cell(v) for v in row))
    return lines
