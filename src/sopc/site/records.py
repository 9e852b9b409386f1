"""Per-SOP records: everything the repository pages (``sopc.site.pages.generate``,
HTML only) need from one SOP, as plain data.

A record is a pure function of (the SOP's source file, its relpath, the repository
configuration, the language): nothing from other SOPs, no clock. It holds only str,
int, float, bool, None, list and dict, so that it survives ``json`` and ``marshal``
unchanged; the build caches records between runs and hands them back through
``options.records`` (``{sop.relpath: record}``), so that a rebuild after one edit
needs the full model of the edited SOP only: every other SOP can be a light index
entry (:meth:`sopc.core.model.SOP.index_entry`).

Shape (``RECORD_VERSION`` 2)::

    {
      "v": 2, "lang": "id", "relpath": "...",
      "nomor": "...", "nama": "...", "unit": "<unit label>",
      "efektif": "YYYY-MM-DD" | None, "revisi": "YYYY-MM-DD" | None,
      "efektif_teks": "1 Februari 2026",              # as shown in the index
      "keterkaitan": [[text, external], ...],           # as written
      "label": [[actor key, label, n], ...],            # spellings of actor labels
      "tugas": [                                        # per actor, first-seen order
        {"key": actor key,
         "span": [[lo, hi] | None, ...],                # working minutes per activity
         "baris": "<@></td>...</tr>\\n<@>..."},         # its rows in pelaksana.html
        ...],
      "serah": [[from key, to key, n], ...],            # hand-offs, first-seen order
      "label_peta": "nomor\\nnama",                     # node label of peta.html (wrapped)
    }

``baris``: the actor's rows of this SOP in the pelaksana table, each starting with the
marker ``<@>`` (:data:`ROW_HEAD`), to be replaced by ``<tr>\\n<td>`` + the SOP's link +
`` nama`` (the link depends on which pages the build produced, so it is not in the
record). The marker cannot occur elsewhere: every text in the rows is HTML-escaped.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from markupsafe import escape

from sopc.core.durations import wk_key

from sopc.core.model import SOP, Config
from sopc.core.i18n import tanggal
from sopc.site.common import format_span, parse_waktu, unit_of
from sopc.site.peta import sop_label
from sopc.core.text import fold, norm_space

RECORD_VERSION = 2
ROW_HEAD = "<@>"


def actor_key(label: str) -> str:
    return fold(label)


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if isinstance(d, _dt.date) else None


def date_of(text: str | None) -> _dt.date | None:
    """The date of a record field (ISO text), None when there is none."""
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


_WAKTU: dict[tuple, tuple] = {}


def _waktu(text: Any, wk: Any, wkk: tuple, lang: str) -> tuple[Any, str]:
    """(span as [lo, hi] or None, the pelaksana table's cell HTML) of a ``waktu``;
    memoised (the same few texts recur in every SOP)."""
    k = (text, wkk, lang) if isinstance(text, str) else None
    hit = _WAKTU.get(k) if k is not None else None
    if hit is None:
        span = parse_waktu(text, wk)
        waktu = format_span(span, wk, lang) if span else ""
        kosong = '<span class="kosong">' + ("no time" if lang == "en" else "tanpa waktu") + "</span>"
        hit = (None if span is None else (span.lo, span.hi),
               str(escape(waktu)) if waktu else kosong)
        if k is not None:
            if len(_WAKTU) > 4096:
                _WAKTU.clear()
            _WAKTU[k] = hit
    return hit


class _Keys:
    """Actor id -> (actor key, label as shown) of one SOP, memoised."""

    def __init__(self, sop: SOP):
        self.sop, self.memo = sop, {}

    def __call__(self, aid: str) -> tuple[str, str]:
        kl = self.memo.get(aid)
        if kl is None:
            lab = norm_space(self.sop.actor_label(aid))
            kl = self.memo[aid] = (actor_key(lab), lab)
        return kl


def record_of(sop: SOP, config: Config, lang: str, rows: bool = True) -> dict[str, Any]:
    """The record of a full SOP (see the module documentation). ``rows=False``: all
    but ``tugas`` (what the graphs need; :func:`add_rows` completes it)."""
    lang = "en" if lang == "en" else "id"
    key = _Keys(sop)
    labels: dict[tuple[str, str], int] = {}
    for a in sop.kegiatan:
        for aid in a.pelaksana:
            kl = key(aid)
            labels[kl] = labels.get(kl, 0) + 1

    serah: dict[tuple[str, str], int] = {}
    n = len(sop.kegiatan)
    for a in sop.kegiatan:
        src = {key(x)[0] for x in a.pelaksana}
        for e in a.edges:
            if e.target is None or not (0 <= e.target < n):
                continue
            dst = {key(x)[0] for x in sop.kegiatan[e.target].pelaksana}
            for x in sorted(src):
                for y in sorted(dst):
                    if x != y and y not in src:
                        serah[(x, y)] = serah.get((x, y), 0) + 1

    rec = {
        "v": RECORD_VERSION,
        "lang": lang,
        "relpath": sop.relpath,
        "nomor": sop.nomor,
        "nama": sop.nama,
        "unit": unit_of(sop, config),
        "efektif": _iso(sop.tanggal_efektif),
        "revisi": _iso(sop.tanggal_revisi),
        "efektif_teks": tanggal(sop.tanggal_efektif, lang),
        "keterkaitan": [[lk.text, bool(lk.external)] for lk in sop.keterkaitan],
        "label": [[k, lab, c] for (k, lab), c in labels.items()],
        "serah": [[x, y, c] for (x, y), c in serah.items()],
        "label_peta": sop_label(sop),
    }
    if rows:
        add_rows(rec, sop, config, key)
    return rec


def add_rows(rec: dict[str, Any], sop: SOP, config: Config, key: _Keys | None = None) -> dict[str, Any]:
    """Set ``rec["tugas"]``: per actor of the SOP its activities' spans and its rows of
    the pelaksana table (in ``rec["lang"]``)."""
    lang = rec["lang"]
    key = key or _Keys(sop)
    wk = config.waktu
    wkk = wk_key(wk)
    tugas: dict[str, dict[str, Any]] = {}
    for a in sop.kegiatan:
        span, cell = _waktu(a.waktu, wk, wkk, lang)
        no = a.number
        tail = (f'{ROW_HEAD}</td>\n<td class="angka">{no if type(no) is int else escape(no)}</td>\n'
                f"<td>{escape(' '.join(a.uraian.split()))}</td>\n"
                f"<td>{cell}</td>\n</tr>\n")
        done: set[str] = set()
        for aid in a.pelaksana:
            k = key(aid)[0]
            if k in done:
                continue
            done.add(k)
            t = tugas.get(k)
            if t is None:
                t = tugas[k] = {"key": k, "span": [], "baris": []}
            t["span"].append(None if span is None else [span[0], span[1]])
            t["baris"].append(tail)
    for t in tugas.values():
        t["baris"] = "".join(t["baris"])
    rec["tugas"] = list(tugas.values())
    return rec


def usable(record: Any, sop: SOP, lang: str) -> bool:
    """Whether ``record`` is a record of this shape for ``sop`` in ``lang``."""
    return (isinstance(record, dict) and record.get("v") == RECORD_VERSION
            and record.get("lang") == ("en" if lang == "en" else "id")
            and record.get("relpath") == sop.relpath and "tugas" in record)


def records_for(sops: list[SOP], config: Config, lang: str,
                given: dict[str, Any] | None = None, rows: bool = True) -> dict[int, dict[str, Any]]:
    """``id(sop) -> record`` for every SOP: the given record when it is usable, else
    one computed from the SOP (stored into ``given`` when that is a dict and the SOP
    is a full one). ``rows=False``: the computed records lack ``tugas`` (and are not
    stored yet) until :func:`complete` adds it."""
    out: dict[int, dict[str, Any]] = {}
    for s in sops:
        r = given.get(s.relpath) if isinstance(given, dict) else None
        if not usable(r, s, lang):
            r = record_of(s, config, lang, rows)
            if rows and isinstance(given, dict) and not getattr(s, "light", False):
                given[s.relpath] = r
        out[id(s)] = r
    return out


def complete(sops: list[SOP], recs: dict[int, dict[str, Any]], config: Config,
             given: dict[str, Any] | None = None) -> dict[int, dict[str, Any]]:
    """Add ``tugas`` to the records :func:`records_for` made with ``rows=False`` (and
    store them into ``given`` as :func:`records_for` would have)."""
    for s in sops:
        r = recs[id(s)]
        if "tugas" not in r:
            add_rows(r, s, config)
            if isinstance(given, dict) and not getattr(s, "light", False):
                given[s.relpath] = r
    return recs


__all__ = ["RECORD_VERSION", "ROW_HEAD", "record_of", "records_for", "add_rows", "complete", "usable", "date_of", "actor_key"]
