"""detente: conflict and diplomacy news in, a sourced and queryable record out.

>>> import detente
>>> record = detente.extract(text, published="2025-05-17", title="...")   # doctest: +SKIP
>>> record.to_dict()["events"]                                             # doctest: +SKIP
"""

from detente.extractor import DetenteError, extract, extract_many, parse_published
from detente.record import SCHEMA, Record, build_record

__all__ = ["SCHEMA", "DetenteError", "Record", "build_record", "extract", "extract_many", "parse_published"]
__version__ = "0.1.0"
