"""Creating sources: a new SOP repository (`sopc init`) and a new SOP file with the next
free nomor (`sopc new`). Files are created, never overwritten (unless forced), and each
is written whole (temporary file + rename)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from sopc.core.assets import template_text
from sopc.core.atomic import write_atomic
from sopc.core.diagnostics import Message, msg
from sopc.core.text import slugify

DEFAULT_UNIT = "Sekretariat"


class ScaffoldError(Exception):
    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message


def _template(name: str) -> str:
    return template_text("init", name)


def _write_new(path: Path, text: str, force: bool = False) -> None:
    if path.exists() and not force:
        raise ScaffoldError(msg(f"{path} sudah ada; tidak ditimpa (gunakan --paksa untuk menimpa)",
                                f"{path} already exists; not overwritten (use --paksa to overwrite)"))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (safe for any text)."""
    import json

    return json.dumps(text, ensure_ascii=False)


# ---- nomor ------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")


def _is_year(m: re.Match) -> bool:
    v = m.group()
    return len(v) == 4 and 1900 <= int(v) <= 2100 and m.start() > 0


def _sequence_index(nomors: list[str]) -> int:
    """Which digit group is the running number: the first (non-year) group whose value
    differs between existing nomors of the same shape; else the first non-year group."""
    groups = [[m for m in _DIGITS.finditer(n)] for n in nomors]
    if groups:
        shape = max({len(g) for g in groups}, key=lambda k: sum(len(g) == k for g in groups))
        same = [g for g in groups if len(g) == shape]
        for i in range(shape):
            if any(_is_year(g[i]) for g in same):
                continue
            if len({g[i].group() for g in same}) > 1:
                return i
        for i in range(shape):
            if not any(_is_year(g[i]) for g in same):
                return i
    return 0


def _sequence_group(nomor: str, index: int) -> re.Match | None:
    found = list(_DIGITS.finditer(nomor))
    return found[index] if index < len(found) else None


def next_nomor(existing: list[str], pattern: str | None, year: int, code: str = "UNIT") -> str:
    """The next free nomor following the shape of the existing ones (and the repository's
    ``nomor`` pattern): the running number + 1 with the same zero padding, the year
    group set to ``year``. Without existing SOPs: ``SOP-001/<code>/<year>``."""
    rx = re.compile(pattern) if pattern else None
    shaped = [n for n in existing if rx is None or rx.search(n)]
    best: tuple[int, str, re.Match] | None = None
    index = _sequence_index(shaped)
    for n in shaped:
        m = _sequence_group(n, index)
        if m and (best is None or int(m.group()) > best[0]):
            best = (int(m.group()), n, m)
    taken = set(existing)
    if best is not None:
        value, template, m = best
        width = len(m.group())
        for step in range(1, 1000):
            head = template[: m.start()] + str(value + step).zfill(width)
            tail = re.sub(r"(?<!\d)(19|20)\d{2}(?!\d)", str(year), template[m.end():])
            cand = head + tail
            if cand not in taken and (rx is None or rx.search(cand)):
                return cand
    code = re.sub(r"[^A-Z0-9.-]", "", code.upper()) or "UNIT"
    for k in range(1, 1000):
        cand = f"SOP-{k:03d}/{code}/{year}"
        if cand not in taken:
            return cand
    return f"SOP-{len(existing) + 1:03d}/{code}/{year}"  # pragma: no cover


def unit_code(text: str) -> str:
    """Initials of a unit or satuan kerja name: "Dinas Penanaman Modal dan PTSP" → "DPMP"."""
    words = [w for w in re.split(r"\W+", text) if w and w.lower() not in ("dan", "di", "ke", "dari", "dengan")]
    return "".join(w if w.isupper() and len(w) > 1 else w[0].upper() for w in words)[:12] or "UNIT"


# ---- sopc init -----------------------------------------------------------------------

@dataclass
class InitAnswers:
    instansi: str = "Pemerintah Kabupaten Contoh"
    satuan_kerja: str = "Dinas Contoh"
    unit: str = DEFAULT_UNIT


def installed_from() -> dict:
    """How this sopc was installed: its ``direct_url.json`` (PEP 610), or {} when it came
    from a package index (or has no metadata)."""
    import json
    from importlib import metadata

    try:
        text = metadata.distribution("sopc").read_text("direct_url.json")
        data = json.loads(text) if text else {}
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def install_spec(pasang: str | None = None) -> str:
    """What the CI files give to ``pip install``: the source given with ``sopc init
    --pasang`` (a mirror, ``git+https://…``, a wheel's URL); else this very sopc: the
    same git commit when it was installed from a git URL, otherwise
    ``sopc==<running version>`` from the package index. Raises ScaffoldError for a source
    that cannot be written safely into both CI files (GitLab expands ``$`` in variables)."""
    from sopc import __version__

    if pasang is None:
        origin = installed_from()
        vcs, url = origin.get("vcs_info") or {}, str(origin.get("url", ""))
        if vcs.get("vcs") == "git" and vcs.get("commit_id") and not url.startswith("file:"):
            return f"sopc @ git+{url}@{vcs['commit_id']}"
        return f"sopc=={__version__}"
    spec = " ".join(pasang.split())
    if not spec or "$" in spec or any(ord(c) < 32 for c in pasang if c not in "\t\n\r"):
        raise ScaffoldError(msg(f"sumber --pasang tidak sah: {pasang!r} (kosong, atau memuat $)",
                                f"invalid --pasang source: {pasang!r} (empty, or contains $)"))
    return spec


def ci_file(name: str, pasang: str | None = None) -> str:
    """A CI template of templates/init (``workflow.yml.tmpl``, ``gitlab-ci.yml.tmpl``)
    filled in: the running sopc version and the install source (a YAML string)."""
    from sopc import __version__

    return (_template(name).replace("@SOPC_VERSI@", __version__)
            .replace("@SOPC_PASANG@", _yaml_str(install_spec(pasang))))


def init_repository(folder: Path, answers: InitAnswers, today: _dt.date, force: bool = False,
                    pasang: str | None = None) -> list[Path]:
    """Write a new SOP repository into ``folder``; returns the files written. Nothing is
    written when any target exists (unless ``force``). ``pasang``: where CI installs sopc
    from (default: this version from the package index; see :func:`install_spec`)."""
    from sopc import __version__

    folder = Path(folder)
    values = {
        "instansi": answers.instansi.strip() or InitAnswers.instansi,
        "satuan_kerja": answers.satuan_kerja.strip() or InitAnswers.satuan_kerja,
        "unit": answers.unit.strip() or DEFAULT_UNIT,
        "today": today.isoformat(),
        "pasang": install_spec(pasang),
        "versi": __version__,
    }
    values["nomor"] = f"SOP-001/{unit_code(values['satuan_kerja'])}/{today.year}"
    quoted = {k: _yaml_str(v) for k, v in values.items() if k in ("instansi", "satuan_kerja", "unit")}
    plan = {
        folder / "sopc.yaml": _template("sopc.yaml.tmpl").format(**{**values, **quoted}),
        folder / slugify(values["unit"]) / "pengarsipan-dokumen-elektronik.sop.yaml":
            _template("contoh.sop.yaml.tmpl").format(**{**values, "unit": quoted["unit"],
                                                       "satuan_kerja": values["satuan_kerja"]}),
        folder / ".pre-commit-config.yaml": _template("pre-commit-config.yaml.tmpl"),
        folder / ".github" / "workflows" / "sop.yml": ci_file("workflow.yml.tmpl", pasang),
        folder / ".gitlab-ci.yml": ci_file("gitlab-ci.yml.tmpl", pasang),
        folder / ".gitignore": _template("gitignore.tmpl"),
        folder / "README.md": _template("README.md.tmpl").format(**values),
    }
    existing = [p for p in plan if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise ScaffoldError(msg(f"berkas sudah ada, tidak ditimpa: {names} (gunakan --paksa untuk menimpa)",
                                f"files already exist, not overwritten: {names} (use --paksa to overwrite)"))
    for path, text in plan.items():
        _write_new(path, text, force=True)
    return list(plan)


# ---- sopc new ------------------------------------------------------------------------

NEW_SOP = """# SOP baru: isi setiap bagian, lalu jalankan `sopc lint` untuk melihat yang masih kurang.
nomor: {nomor}
nama: {nama}
{unit_line}jenis: administratif
tanggal:
  pembuatan: {today}
  efektif: {today}          # tanggal penandatanganan
disahkan_oleh:
  jabatan: "-"              # jabatan pejabat yang mengesahkan
  nama: "-"                 # nama pejabat
  nip: ""                   # 18 digit, dalam tanda kutip
dasar_hukum: []             # "Undang-Undang Nomor ... Tahun ... tentang ..."
kualifikasi_pelaksana: []
keterkaitan: []
peralatan: []
peringatan: []
pencatatan: []
pelaksana:
  pelaksana_1: Pelaksana Pertama
  pelaksana_2: Pelaksana Kedua
kegiatan:
  - id: mulai
    uraian: Menuliskan kegiatan pertama dengan kata kerja di depan
    pelaksana: pelaksana_1
    kelengkapan: []
    waktu: 10 menit
    output: Keluaran kegiatan pertama
  - id: akhir
    uraian: Menuliskan kegiatan terakhir yang menghasilkan produk prosedur
    pelaksana: pelaksana_2
    kelengkapan: Keluaran kegiatan pertama
    waktu: 10 menit
    output: Produk prosedur
"""


def new_sop(nama: str, root: Path, config, existing_nomor: list[str], today: _dt.date,
            unit: str | None = None, folder: Path | None = None) -> Path:
    nama = " ".join(nama.split())
    if not nama:
        raise ScaffoldError(msg("nama SOP tidak boleh kosong", "the SOP name must not be empty"))
    units = list(config.unit)
    if unit is None and len(units) == 1:
        unit = units[0]
    if unit is None and len(units) > 1:
        raise ScaffoldError(msg(f"sebutkan unit dengan --unit; pilihan: {', '.join(units)}",
                                f"name the unit with --unit; choices: {', '.join(units)}"))
    if unit is not None and units and unit not in units:
        raise ScaffoldError(msg(f"unit '{unit}' tidak ada di sopc.yaml; pilihan: {', '.join(units)}",
                                f"unit '{unit}' is not in sopc.yaml; choices: {', '.join(units)}"))
    code = unit_code(config.satuan_kerja or unit or config.instansi_nama or "UNIT")
    nomor = next_nomor(existing_nomor, config.nomor, today.year, code)
    target_dir = Path(folder) if folder is not None else (root / slugify(unit) if unit else root)
    path = target_dir / f"{slugify(nama)}.sop.yaml"
    if not path.resolve().is_relative_to(root.resolve()):
        raise ScaffoldError(msg("folder tujuan harus berada di dalam repositori",
                                "the target folder must be inside the repository"))
    text = NEW_SOP.format(nomor=_yaml_str(nomor), nama=_yaml_str(nama), today=today.isoformat(),
                          unit_line=f"unit: {_yaml_str(unit)}\n" if unit else "")
    _write_new(path, text)
    return path
