"""Node tree → typed model, every problem a diagnostic (E002–E006, E008) at its position.

The walk is driven by the field tables of :mod:`sopc.loader.spec`; all problems of a
file are collected, not just the first.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from typing import Any, Callable

import yaml

from sopc.core.diagnostics import Diagnostic, Level, Message, Pos, msg
from sopc.loader import spec
from sopc.loader.spec import F
from sopc.loader.yamlsrc import NULL_VALUES, is_null, pos_of

_ID_RE = re.compile(spec.ID_PATTERN)
_DATE_RE = re.compile(spec.DATE_PATTERN)
_NUM_RE = re.compile(r"^\d+$")

E_NAMES = {
    "E001": "yaml-syntax", "E002": "unknown-key", "E003": "missing-key", "E004": "bad-value",
    "E005": "duplicate-key", "E006": "bad-target", "E007": "too-large", "E008": "duplicate-id",
}

TYPE_NAMES = {
    "str": ("teks", "text"), "text": ("teks", "text"), "date": ("tanggal YYYY-MM-DD", "date YYYY-MM-DD"),
    "enum": ("salah satu pilihan", "one of the choices"), "strlist": ("teks atau daftar teks", "text or list of texts"),
    "bool": ("true atau false", "true or false"), "nip": ("NIP dalam tanda kutip", "quoted NIP"),
    "duration": ("durasi", "duration"), "actors": ("id pelaksana atau daftar id", "actor id or list of ids"),
    "target": ("id, nomor kegiatan, atau 'selesai'", "id, activity number or 'selesai'"),
    "cabang": ("pemetaan label → tujuan", "mapping label → target"), "pelaksana": ("pemetaan id → label", "mapping id → label"),
    "links": ("daftar", "list"), "kegiatan": ("daftar kegiatan", "list of activities"),
    "codes": ("daftar kode aturan", "list of rule codes"), "map": ("pemetaan", "mapping"),
    "strmap": ("pemetaan", "mapping"), "int": ("bilangan bulat", "whole number"),
    "number": ("bilangan", "number"), "regex": ("pola regex", "regex pattern"), "aturan": ("pemetaan", "mapping"),
}


class Sink:
    """Collects the diagnostics of one file."""

    def __init__(self, relpath: str):
        self.relpath = relpath
        self.diags: list[Diagnostic] = []

    def add(self, code: str, pos: Pos, message: Message, related: tuple[Pos, ...] = ()) -> None:
        self.diags.append(Diagnostic(self.relpath, pos, message, code=code, name=E_NAMES[code],
                                     level=Level.ERROR, related=related))

    @property
    def failed(self) -> bool:
        return bool(self.diags)


def kind_name(kind: str) -> Message:
    i, e = TYPE_NAMES.get(kind, (kind, kind))
    return msg(i, e)


def suggest(word: str, choices) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def _kind(node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return "scalar"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "map"


class MapReader:
    """Reads one mapping node against a field table.

    ``values`` maps present keys to their value node; positions are recorded into the
    owning model object's ``positions``/``key_positions`` under ``prefix``.
    """

    def __init__(self, node, fields: dict[str, F], sink: Sink, where: str,
                 positions: dict[str, Pos], key_positions: dict[str, Pos], prefix: str = ""):
        self.node = node
        self.fields = fields
        self.sink = sink
        self.values: dict[str, Any] = {}
        self.keys: dict[str, Any] = {}
        self.ok = True
        if not isinstance(node, yaml.MappingNode):
            self.ok = False
            sink.add("E004", pos_of(node), msg(f"{where} harus berupa pemetaan (kunci: nilai)",
                                               f"{where} must be a mapping (key: value)"))
            return
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                sink.add("E004", pos_of(knode), msg("kunci harus berupa teks", "a key must be text"))
                continue
            key = knode.value
            if key in self.keys:
                first = pos_of(self.keys[key])
                sink.add("E005", pos_of(knode),
                         msg(f"kunci '{key}' muncul dua kali (pertama di baris {first.line})",
                             f"key '{key}' appears twice (first on line {first.line})"),
                         related=(first,))
                sink.add("E005", first,
                         msg(f"kunci '{key}' muncul dua kali (lagi di baris {pos_of(knode).line})",
                             f"key '{key}' appears twice (again on line {pos_of(knode).line})"),
                         related=(pos_of(knode),))
                continue
            self.keys[key] = knode
            if key not in fields:
                hint = suggest(key, fields)
                if key == "<<":
                    m = msg("kunci gabung YAML (<<) tidak didukung; tulis kuncinya secara lengkap",
                            "YAML merge keys (<<) are not supported; write the keys out")
                elif hint:
                    m = msg(f"kunci tidak dikenal '{key}' di {where}; maksud Anda '{hint}'?",
                            f"unknown key '{key}' in {where}; did you mean '{hint}'?")
                else:
                    m = msg(f"kunci tidak dikenal '{key}' di {where}; kunci yang sah: {', '.join(fields)}",
                            f"unknown key '{key}' in {where}; valid keys: {', '.join(fields)}")
                sink.add("E002", pos_of(knode), m)
                continue
            self.values[key] = vnode
            path = prefix + key
            # marks are turned into Pos only when a position is asked for (model.at)
            positions[path] = vnode.start_mark
            key_positions[path] = knode.start_mark

    def require(self, skip: tuple[str, ...] = ()) -> None:
        if not self.ok:
            return
        for name, f in self.fields.items():
            if f.required and name not in self.values and name not in skip and name not in self.keys:
                self.sink.add("E003", pos_of(self.node),
                              msg(f"kunci wajib '{name}' tidak ada", f"required key '{name}' is missing"))

    def get(self, name: str):
        return self.values.get(name)


# ---- scalar conversions -------------------------------------------------------------

def scalar(node, sink: Sink, key: str, kind: str = "str", allow_empty: bool = True) -> str | None:
    """A scalar as a stripped string; None (with E004) when the node is not a scalar."""
    if node is None or (node.__class__ is yaml.ScalarNode and not node.style and node.value in NULL_VALUES):
        if not allow_empty:
            sink.add("E004", pos_of(node) if node is not None else Pos(),
                     msg(f"'{key}' tidak boleh kosong", f"'{key}' must not be empty"))
            return None
        return ""
    if not isinstance(node, yaml.ScalarNode):
        sink.add("E004", pos_of(node),
                 msg(f"'{key}' harus berupa {kind_name(kind).id}, bukan {'daftar' if _kind(node) == 'list' else 'pemetaan'}",
                     f"'{key}' must be {kind_name(kind).en}, not a {_kind(node) if _kind(node) == 'list' else 'mapping'}"))
        return None
    text = node.value
    # block scalars keep their line breaks; plain/quoted ones are stripped
    text = text.rstrip() if node.style in ("|", ">") else text.strip()
    if not text and not allow_empty:
        sink.add("E004", pos_of(node), msg(f"'{key}' tidak boleh kosong", f"'{key}' must not be empty"))
        return None
    return text


def read_date(node, sink: Sink, key: str) -> _dt.date | None:
    text = scalar(node, sink, key, "date")
    if text is None or text == "":
        if text == "" and node is not None:
            sink.add("E004", pos_of(node), msg(f"'{key}' kosong: tulis tanggal YYYY-MM-DD",
                                               f"'{key}' is empty: write a date YYYY-MM-DD"))
        return None
    if _DATE_RE.match(text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    sink.add("E004", pos_of(node),
             msg(f"'{key}' bukan tanggal yang sah: '{text}'; tulis YYYY-MM-DD, misalnya 2025-01-10",
                 f"'{key}' is not a valid date: '{text}'; write YYYY-MM-DD, e.g. 2025-01-10"))
    return None


def read_enum(node, sink: Sink, key: str, choices: tuple[str, ...]) -> str | None:
    text = scalar(node, sink, key, "enum")
    if not text:
        return None
    for c in choices:
        if c.lower() == text.lower():
            return c
    sink.add("E004", pos_of(node),
             msg(f"nilai '{text}' untuk '{key}' tidak dikenal; pilihan: {', '.join(choices)}",
                 f"unknown value '{text}' for '{key}'; choices: {', '.join(choices)}"))
    return None


def read_bool(node, sink: Sink, key: str) -> bool:
    text = scalar(node, sink, key, "bool")
    if not text:
        return False
    t = text.lower()
    if t in ("true", "ya", "yes", "benar"):
        return True
    if t in ("false", "tidak", "no", "salah"):
        return False
    sink.add("E004", pos_of(node), msg(f"'{key}' harus true atau false, bukan '{text}'",
                                       f"'{key}' must be true or false, not '{text}'"))
    return False


def read_strlist(node, sink: Sink, key: str, positions: dict[str, Pos], prefix: str) -> list[str]:
    """A string or a list of strings; null → empty list."""
    if node is None or is_null(node):
        return []
    if isinstance(node, yaml.ScalarNode):
        text = scalar(node, sink, key)
        return [text] if text else []
    if not isinstance(node, yaml.SequenceNode):
        sink.add("E004", pos_of(node), msg(f"'{key}' harus berupa teks atau daftar teks",
                                           f"'{key}' must be a text or a list of texts"))
        return []
    out = []
    for i, item in enumerate(node.value):
        if not isinstance(item, yaml.ScalarNode):
            sink.add("E004", pos_of(item), msg(f"butir '{key}' harus berupa teks (satu baris per butir)",
                                               f"each item of '{key}' must be a text (one line per item)"))
            continue
        text = scalar(item, sink, key)
        if not text:
            sink.add("E004", pos_of(item), msg(f"butir '{key}' kosong", f"empty item in '{key}'"))
            continue
        positions[f"{prefix}.{len(out)}"] = item.start_mark
        out.append(text)
    return out


def read_codes(node, sink: Sink, key: str, resolve: Callable[[str], str | None]) -> list[str]:
    dummy: dict[str, Pos] = {}
    out = []
    items = read_strlist(node, sink, key, dummy, key)
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for text, n in zip(items, [n for n in nodes if isinstance(n, yaml.ScalarNode) and n.value.strip()]):
        code = resolve(text)
        if code is None:
            sink.add("E004", pos_of(n), msg(f"kode aturan tidak dikenal '{text}' di '{key}'",
                                            f"unknown rule code '{text}' in '{key}'"))
        elif code.startswith("E") and code[1:].isdigit():
            sink.add("E004", pos_of(n), msg(f"kesalahan sumber ({code}) tidak dapat diabaikan",
                                            f"source errors ({code}) cannot be suppressed"))
        else:
            out.append(code)
    return out
