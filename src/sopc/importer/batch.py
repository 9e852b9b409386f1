"""Import many PDFs: read each (in a process pool across documents), then write the
SOP files and, when missing, sopc.yaml; check that every written file loads."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sopc.core.diagnostics import Level, msg
from sopc.core.text import fold, slugify

REASONS = {
    "encrypted": msg("PDF terenkripsi (dilindungi kata sandi)", "encrypted PDF (password protected)"),
    "damaged": msg("berkas PDF rusak atau terpotong", "damaged or truncated PDF file"),
    "no_text": msg("PDF tanpa lapisan teks (hasil pindai); perlu OCR", "PDF without a text layer (a scan); needs OCR"),
    "not_sop": msg("bukan dokumen SOP AP: label identitas (Nomor SOP, Nama SOP, ...) tidak ditemukan",
                   "not an SOP AP document: identity labels (Nomor SOP, Nama SOP, ...) not found"),
    "exists": msg("berkas keluaran sudah ada; gunakan --timpa untuk menimpanya",
                  "the output file exists; use --timpa to overwrite it"),
    "unreadable": msg("berkas tidak dapat dibaca", "the file cannot be read"),
    "internal": msg("kesalahan internal saat membaca PDF ini (laporkan; SOPC_DEBUG=1 menampilkan rinciannya)",
                    "internal error while reading this PDF (please report; SOPC_DEBUG=1 shows the details)"),
}


@dataclass
class Outcome:
    source: str
    status: str = "failed"                  # ok | review | failed
    output: str | None = None
    notes: list[str] = field(default_factory=list)        # note keys or reason keys
    details: list[str] = field(default_factory=list)      # texts already in the language
    activities: int = 0
    pages: int = 0
    draft: object = None
    yaml: str = ""
    logo: bytes | None = None
    marked: int = 0                         # values carrying a '# periksa' comment

    def as_json(self, lang: str) -> dict:
        from sopc.importer.emit import note_text

        notes = [REASONS[k].text(lang) if k in REASONS else note_text(k, lang) for k in self.notes]
        if self.marked and self.status != "failed":
            plural = "" if self.marked == 1 else "s"
            notes.append(msg(f"{self.marked} nilai bertanda '# periksa' di berkas",
                             f"{self.marked} value{plural} marked '# periksa' in the file").text(lang))
        return {"source": self.source, "output": self.output, "status": self.status,
                "notes": notes + self.details, "activities": self.activities, "pages": self.pages}


def sources_of(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """PDF files named or found (recursively) in folders; and paths that do not exist."""
    found, missing = [], []
    for p in paths:
        if p.is_dir():
            found += sorted(q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and q.is_file())
        elif p.is_file():
            found.append(p)
        else:
            missing.append(p)
    return found, missing


def read_one(path: str) -> Outcome:
    """Read one PDF into a draft (worker side: no file is written here)."""
    from sopc.importer.assemble import draft_of
    from sopc.importer.document import ImportFailure, read_document
    out = Outcome(path)
    try:
        doc = read_document(path)
    except ImportFailure as exc:
        out.notes.append(exc.key)
        return out
    except OSError:
        out.notes.append("unreadable")
        return out
    draft = draft_of(doc)
    stem = Path(path).stem
    for key in ("nomor", "nama"):                # required: the file name stands in, for review
        if not draft.fields.get(key):
            draft.fields[key] = stem
            draft.unsure[key] = "missing"
    out.pages = len(doc.pages)
    out.logo = doc.logo
    out.activities = len(draft.activities) if doc.rows else 0
    out.notes = sorted(set(draft.notes))
    out.status = "review" if draft.review or draft.notes else "ok"
    for page in doc.pages:
        page.raw = page.doc = None
        for im in page.images:
            im.handle = None
    out.draft = draft
    return out


def _safe_read(path: str) -> Outcome:
    try:
        return read_one(path)
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        if os.environ.get("SOPC_DEBUG") == "1":
            raise
        out = Outcome(path)
        out.notes.append("internal")
        out.details.append(f"{type(exc).__name__}: {exc}")
        return out


def read_all(paths: list[str], jobs: int, progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """Read every PDF, in ``jobs`` worker processes (:func:`sopc.core.workers.pool_map`)."""
    from sopc.core.workers import pool_map

    chunk = max(1, min(8, len(paths) // (4 * max(1, jobs))))
    return pool_map(_safe_read, paths, jobs, chunksize=chunk, progress=progress)


LOGO = "aset/logo.png"


def _common_logo(results: list[Outcome]) -> bytes | None:
    """The logo most documents carry."""
    import hashlib
    from collections import Counter

    logos = {hashlib.sha256(r.logo).hexdigest(): r.logo for r in results if r.logo}
    if not logos:
        return None
    count = Counter(hashlib.sha256(r.logo).hexdigest() for r in results if r.logo)
    return logos[count.most_common(1)[0][0]]


def write_all(results: list[Outcome], out_dir: Path, overwrite: bool, lang: str) -> bool:
    """Write the SOP files (and sopc.yaml when missing). Returns whether sopc.yaml was written."""
    from sopc.core.atomic import write_atomic
    from sopc.importer.emit import config_yaml, sop_yaml
    from sopc.core.links import is_vague, link_key
    from sopc.loader import load_config_text, load_sop_text

    drafts = [r.draft for r in results if r.draft is not None]
    cfg_path = out_dir / "sopc.yaml"
    wrote_cfg = False
    logo = None
    if cfg_path.exists():
        cfg_text = cfg_path.read_text(encoding="utf-8", errors="replace")
    else:
        logo = _common_logo(results)
        cfg_text = config_yaml(drafts, LOGO if logo else None)
    config, _cd = load_config_text(cfg_text, out_dir)
    taken: set[Path] = set()
    known = {link_key(d.fields.get(k) or "") for d in drafts for k in ("nomor", "nama")} - {""}
    units = {fold(u): u for u in (getattr(config, "unit", None) or [])}
    for r in results:
        if r.draft is None:
            continue
        d = r.draft
        if d.paper and d.paper != getattr(config, "kertas", None):
            d.fields["kertas"] = d.paper              # this SOP's own paper (FORMAT.md 1.1)
        unit = d.fields.get("unit")
        if unit and fold(unit) in units:           # the repository's own spelling of the unit
            unit = d.fields["unit"] = units[fold(unit)]
            d.unsure.pop("unit", None)
        folder = out_dir / slugify(unit) if unit else out_dir
        base = slugify(d.fields.get("nomor") or Path(r.source).stem)
        target = folder / f"{base}.sop.yaml"
        n = 2
        while target in taken:
            target = folder / f"{base}-{n}.sop.yaml"
            n += 1
        taken.add(target)
        r.output = str(target)
        if target.exists() and not overwrite:
            r.status, r.notes = "failed", ["exists"] + r.notes
            r.draft = None
            continue
        external = {i for i, t in enumerate(d.fields.get("keterkaitan", []))
                    if link_key(t) not in known and not is_vague(t)}
        r.yaml = sop_yaml(d, external)
        r.marked = r.yaml.count("# periksa:")
        _sop, diags = load_sop_text(r.yaml, str(target), config)
        errors = [x for x in diags if x.level >= Level.ERROR and str(x.code).startswith("E")]
        if errors:
            r.status = "review"
            r.details += [f"{e.code} {e.message.text(lang)}" for e in errors]
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, r.yaml)
        r.draft = None
    if not cfg_path.exists() and drafts:
        out_dir.mkdir(parents=True, exist_ok=True)
        if logo and not (out_dir / LOGO).exists():
            (out_dir / LOGO).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(out_dir / LOGO, logo)
        write_atomic(cfg_path, cfg_text)
        wrote_cfg = True
    return wrote_cfg
