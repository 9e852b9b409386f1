"""Content of an SOP as a signed PDF shows it, for comparing an imported file with its
source: what sopc prints (not ids, comments, jenis/sifat or batas_waktu, which the
printed document does not carry). A kelengkapan list prints joined by ", "."""

from __future__ import annotations

from sopc.core.nip import nip_digits
from sopc.loader import load_sop_text


def printed_content(sop) -> dict:
    labels = sop.pelaksana
    acts = []
    for a in sop.kegiatan:
        acts.append({
            "uraian": a.uraian,
            "pelaksana": [labels[p] for p in a.pelaksana],
            "kelengkapan": ", ".join(a.kelengkapan),
            "waktu": a.waktu or "",
            "output": a.output or "",
            "keterangan": a.keterangan or "",
            "edges": sorted((e.target if e.target is not None else -1, e.label or "") for e in a.edges),
            "start": a.start,
            "decision": bool(a.cabang),
            "pertanyaan": a.pertanyaan or "",
        })
    return {
        "nomor": sop.nomor, "nama": sop.nama, "unit": sop.unit,
        "tanggal": (sop.tanggal_pembuatan, sop.tanggal_revisi, sop.tanggal_efektif),
        "disahkan_oleh": (sop.disahkan_oleh.jabatan, sop.disahkan_oleh.nama,
                          nip_digits(sop.disahkan_oleh.nip), sop.disahkan_oleh.pangkat or None),
        "dasar_hukum": sop.dasar_hukum, "kualifikasi_pelaksana": sop.kualifikasi_pelaksana,
        "keterkaitan": [(l.text, l.external) for l in sop.keterkaitan],
        "peralatan": sop.peralatan, "peringatan": sop.peringatan, "pencatatan": sop.pencatatan,
        "pelaksana": list(labels.values()),
        "kegiatan": acts,
    }


def load(text: str, config=None):
    sop, diags = load_sop_text(text, "t.sop.yaml", config)
    errors = [d for d in diags if str(d.code).startswith("E")]
    assert sop is not None and not errors, [f"{d.code} {d.message.en}" for d in errors]
    return sop


def differences(a: dict, b: dict, path: str = "") -> list[str]:
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a.keys() | b.keys():
            out += differences(a.get(k), b.get(k), f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            out += differences(x, y, f"{path}[{i}]")
    elif a != b:
        out.append(f"{path}: {a!r} != {b!r}")
    return out
