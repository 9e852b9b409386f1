"""JSON Schema of the SOP format, generated from the loader's field tables
(:mod:`sopc.loader.spec`), so the schema and the loader cannot drift apart."""

from __future__ import annotations

import json

from sopc import __version__
from sopc.loader import spec
from sopc.loader.spec import F

SCHEMA_ID = "https://sopc.invalid/schema/sop.json"

_STR = {"type": "string"}
_STRLIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "minLength": 1}}]}
_TARGET = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer", "minimum": 1}]}


def _field(f: F) -> dict:
    k = f.kind
    if k in ("str",):
        s = {"type": "string", "minLength": 1}
        if f.pattern:
            s["pattern"] = f.pattern
    elif k in ("text", "duration", "regex"):
        s = dict(_STR)
    elif k == "date":
        s = {"type": "string", "pattern": spec.DATE_PATTERN}
    elif k == "enum":
        s = {"type": "string", "enum": list(f.enum)}
    elif k == "strlist":
        s = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "minLength": 1}},
                       {"type": "null"}]}
    elif k == "bool":
        s = {"type": "boolean"}
    elif k == "nip":
        s = {"type": "string", "description": "quote it: an unquoted number is an error"}
    elif k == "actors":
        s = {"anyOf": [{"type": "string", "pattern": spec.ID_PATTERN},
                       {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": spec.ID_PATTERN}}]}
    elif k == "target":
        s = dict(_TARGET)
    elif k == "cabang":
        s = {"type": "object", "minProperties": 1, "additionalProperties": _TARGET}
    elif k == "pelaksana":
        s = {"type": "object", "minProperties": 1,
             "propertyNames": {"pattern": spec.ID_PATTERN},
             "additionalProperties": {"type": "string", "minLength": 1}}
    elif k == "links":
        s = {"anyOf": [{"type": "null"}, {"type": "array", "items": {"anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "required": ["eksternal"], "additionalProperties": False,
             "properties": {"eksternal": {"type": "string", "minLength": 1}}}]}}]}
    elif k == "kegiatan":
        s = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/kegiatan"}}
    elif k == "codes":
        s = dict(_STRLIST)
    elif k == "map":
        s = _object(f.fields)
    elif k == "strmap":
        s = {"type": "object", "additionalProperties": {"type": "string"}}
    elif k in ("int",):
        s = {"type": "integer", "minimum": 1}
    elif k == "number":
        s = {"type": "number", "exclusiveMinimum": 0}
    elif k == "aturan":
        s = {"type": "object", "additionalProperties": {"anyOf": [
            {"type": "string", "enum": ["error", "warning", "info", "off"]},
            {"type": "object", "properties": {"level": {"enum": ["error", "warning", "info", "off"]}}}]}}
    else:  # pragma: no cover - a new kind must be mapped here
        raise ValueError(k)
    if f.doc:
        s["description"] = f.doc
    return s


def _object(fields: dict[str, F]) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [n for n, f in fields.items() if f.required and n != "nip"],
        "properties": {n: _field(f) for n, f in fields.items()},
    }


def sop_schema() -> dict:
    s = _object(spec.SOP)
    s = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"SOP AP (sopc {__version__})",
        "description": "Satu berkas *.sop.yaml (PermenPANRB 35/2012). Lihat FORMAT.md.",
        **s,
        "$defs": {"kegiatan": _object(spec.ACTIVITY)},
    }
    return s


def config_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"sopc.yaml (sopc {__version__})",
        **_object(spec.CONFIG),
    }


def dumps(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
