"""Generate ``docs/format.md``, the format reference of the documentation site, from the
loader's own key tables (:mod:`sopc.loader.spec`, the same tables the JSON Schema is
generated from), the defaults of :class:`sopc.core.model.Config`, and examples taken
from the example repository (``examples/``), so that none of it can drift:

    python -m sopc.loader.format_reference > docs/format.md

``tests/test_docs_format.py`` fails when the committed file is stale.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import yaml

from sopc.loader import spec
from sopc.loader.spec import F

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"

# How each kind of value is written, in the words of the Tim Penyusun.
KIND_ID = {
    "str": "teks",
    "text": "teks (boleh kosong)",
    "date": "tanggal `YYYY-MM-DD`",
    "enum": "salah satu dari",
    "strlist": "daftar teks (satu teks = daftar satu butir)",
    "bool": "`true` atau `false`",
    "nip": "NIP, dalam tanda kutip",
    "duration": "durasi (lihat [Durasi](#durasi))",
    "actors": "id pelaksana, atau daftar id (kegiatan bersama)",
    "target": "tujuan (lihat [Tujuan](#tujuan))",
    "cabang": "pemetaan label cabang → tujuan",
    "pelaksana": "pemetaan id → label jabatan",
    "links": "daftar nomor/nama SOP, atau `{eksternal: ...}`",
    "kegiatan": "daftar kegiatan (lihat [Kunci kegiatan](#kunci-kegiatan))",
    "codes": "daftar kode atau nama aturan",
    "map": "pemetaan (kunci di bawahnya)",
    "strmap": "pemetaan teks → teks",
    "int": "bilangan bulat ≥ 1",
    "number": "bilangan > 0",
    "regex": "pola (ekspresi reguler)",
    "aturan": "pemetaan KODE → `{level: ..., opsi: ...}`",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _kind(f: F) -> str:
    k = KIND_ID.get(f.kind, f.kind)
    if f.kind == "enum":
        k += " " + ", ".join(f"`{e}`" for e in f.enum)
    if f.pattern:
        k += f" (pola `{f.pattern}`)"
    return _cell(k)


def _flow(value) -> str:
    """A value as YAML flow text on one line, as it is written in the example file."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())


def _example(value, whole: bool = False) -> str:
    if value is None:
        return "-"
    if isinstance(value, list) and len(value) > 2 and not whole:
        value = value[:2]
    text = _flow(value)
    if len(text) > 60 and not whole:
        text = text[:57].rstrip() + " …"
    return f"`{text}`".replace("|", "\\|")


def _first(docs: list[dict], path: tuple[str, ...]):
    """The first value at ``path`` in the documents (lists of activities searched item
    by item), or None."""
    for d in docs:
        stack = [d]
        for key in path:
            nxt = []
            for node in stack:
                if isinstance(node, list):
                    node_items = node
                else:
                    node_items = [node]
                for item in node_items:
                    if isinstance(item, dict) and key in item:
                        nxt.append(item[key])
            stack = nxt
        for v in stack:
            if v not in (None, [], {}):
                return v
    return None


def _examples(folder: Path) -> tuple[list[dict], dict]:
    # BaseLoader: every scalar as written (dates, NIPs and times stay text).
    sops = [yaml.load(p.read_text("utf-8"), Loader=yaml.BaseLoader)
            for p in sorted(folder.rglob("*.sop.yaml"))]
    config = yaml.load((folder / "sopc.yaml").read_text("utf-8"), Loader=yaml.BaseLoader)
    return sops, config


def _config_defaults() -> dict[str, object]:
    from sopc.core.model import Config

    cfg = Config(root=Path("."))
    out: dict[str, object] = {}
    for fld in dataclasses.fields(Config):
        out[fld.name] = getattr(cfg, fld.name)
    return out


def _default(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "-"
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    return _example(value, whole=True)


def _table(fields: dict[str, F], prefix: tuple[str, ...], docs: list[dict], out: list[str],
           defaults: dict | None = None) -> None:
    out.append("| kunci | jenis nilai | wajib | bawaan | keterangan | contoh |")
    out.append("|---|---|---|---|---|---|")
    for name, f in fields.items():
        path = prefix + (name,)
        key = ".".join(path)
        required = "ya" if f.required else "tidak"
        default = "-"
        if defaults is not None and len(path) == 1 and name in defaults:
            default = _default(defaults[name])
        if f.kind in ("map", "kegiatan"):
            example = "-"
        else:
            example = _example(_first(docs, path))
        out.append(f"| `{key}` | {_kind(f)} | {required} | {default} | {_cell(f.doc)} | {example} |")
        if f.kind == "map":
            for sub, sf in f.fields.items():
                sub_path = path + (sub,)
                sub_default = "-"
                if defaults is not None and len(path) == 1:
                    parent = defaults.get(name)
                    if dataclasses.is_dataclass(parent) and hasattr(parent, sub):
                        sub_default = _default(getattr(parent, sub))
                out.append(f"| `{'.'.join(sub_path)}` | {_kind(sf)} | "
                           f"{'ya' if sf.required else 'tidak'} | {sub_default} | {_cell(sf.doc)} | "
                           f"{_example(_first(docs, sub_path))} |")
    out.append("")


def generate(examples: Path = EXAMPLES) -> str:
    """The Markdown text of docs/format.md."""
    sops, config = _examples(examples)
    out: list[str] = [
        "# Referensi format",
        "",
        "<!-- Generated from sopc.loader.spec by `python -m sopc.loader.format_reference > docs/format.md`;",
        "     do not edit by hand. tests/test_docs_format.py checks that it is current. -->",
        "",
        "Halaman ini dibuat otomatis dari tabel kunci yang dipakai sopc sendiri untuk membaca",
        "berkas (dan untuk membuat JSON Schema `sopc schema`), sehingga selalu sama dengan",
        "perilaku sopc. Kolom *contoh* diambil dari repositori contoh (`examples/`).",
        "",
        "Kunci yang tidak tercantum di sini adalah kesalahan (E002, dengan saran kunci yang",
        "mirip); kunci wajib yang tidak ada adalah E003. Lihat juga",
        "[Dari formulir ke berkas SOP](tutorial.md) untuk penjelasan bertahap.",
        "",
        "## Berkas SOP (`*.sop.yaml`)",
        "",
        "Satu berkas per SOP, di folder mana pun di bawah `sopc.yaml`. Urutan kunci bebas;",
        "urutan di bawah ini adalah urutan pada halaman identitas.",
        "",
    ]
    _table(spec.SOP, (), sops, out)
    out += [
        "## Kunci kegiatan",
        "",
        "Setiap butir `kegiatan` adalah satu baris tabel prosedur, urut dari atas ke bawah.",
        "Simbol tidak pernah ditulis: kegiatan pertama (dan yang bertanda `mulai: true`) digambar",
        "sebagai kapsul mulai, kegiatan yang mengakhiri alur sebagai kapsul selesai, kegiatan",
        "dengan `cabang` sebagai belah ketupat (keputusan), selebihnya persegi panjang.",
        "",
    ]
    _table(spec.ACTIVITY, ("kegiatan",), sops, out)
    out += [
        "## Konfigurasi repositori (`sopc.yaml`)",
        "",
        "Satu berkas di folder akar repositori. Semua kunci boleh tidak ditulis kecuali",
        "`instansi.nama`; kolom *bawaan* menunjukkan nilai yang dipakai bila kunci tidak ditulis.",
        "",
    ]
    _table(spec.CONFIG, (), [config], out, defaults=_config_defaults())
    out += [
        "## Tujuan",
        "",
        "Nilai `ke` dan nilai setiap `cabang` adalah *tujuan*: `id` sebuah kegiatan, nomor urut",
        "kegiatan (mulai dari 1), atau kata `selesai` (prosedur berakhir). Gunakan `id`: nomor",
        "bergeser ketika baris ditambah, dan `sopc lint` mengingatkannya (F007).",
        "",
        "## Durasi",
        "",
        "`waktu` dan `batas_waktu` ditulis sebagai angka dan satuan: `detik`, `menit`, `jam`,",
        "`hari` (= `hari kerja`, `HK`), `minggu`, `bulan`; boleh gabungan (`1 jam 30 menit`),",
        "rentang (`1-2 hari kerja`) dan koma desimal (`1,5 jam`). Teks lain (`-`, `segera`,",
        "`sesuai kebutuhan`) bukan durasi dan dilaporkan oleh KU02. Satu hari kerja, minggu",
        "dan bulan dihitung menurut `waktu` di `sopc.yaml`.",
        "",
    ]
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> None:
    sys.stdout.write(generate())


if __name__ == "__main__":  # pragma: no cover
    main()
