"""Build SOP model objects directly (as the loader would) for the layout tests.

Edges and symbols follow FORMAT.md §1.3 and the loader: ``cabang`` → decision with one
edge per branch; ``ke`` → one edge; otherwise an implicit edge to the next activity (or
to ``selesai`` for the last); start = first activity or ``mulai``; end = an edge to
``selesai``; start and end → terminal.
"""

from __future__ import annotations

from pathlib import Path

from sopc.core.model import SOP, Activity, Edge, Symbol


def _resolve(t: str, ids: dict[str, int], n: int):
    t = str(t).strip()
    if t.lower() == "selesai":
        return None
    if t in ids:
        return ids[t]
    if t.isdigit() and 1 <= int(t) <= n:
        return int(t) - 1
    raise ValueError(f"bad target {t!r}")


def make_sop(actors, activities, nomor="SOP-001/TEST/2026", nama="SOP Uji") -> SOP:
    if isinstance(actors, (list, tuple)):
        actors = {f"a{i}": label for i, label in enumerate(actors)}
    acts: list[Activity] = []
    for i, d in enumerate(activities):
        pel = d.get("pelaksana", next(iter(actors)))
        if isinstance(pel, str):
            pel = [pel]
        kel = d.get("kelengkapan", [])
        if isinstance(kel, str):
            kel = [kel]
        acts.append(Activity(
            index=i, uraian=d.get("uraian", f"Kegiatan {i + 1}"), pelaksana=list(pel),
            id=d.get("id"), kelengkapan=kel, waktu=d.get("waktu"), output=d.get("output"),
            keterangan=d.get("keterangan"), cabang=dict(d.get("cabang", {})),
            pertanyaan=d.get("pertanyaan"), ke=d.get("ke"), mulai=bool(d.get("mulai", False))))
    n = len(acts)
    ids = {a.id: a.index for a in acts if a.id}
    for a in acts:
        if a.cabang:
            a.edges = [Edge(a.index, _resolve(t, ids, n), label, str(t)) for label, t in a.cabang.items()]
        elif a.ke is not None:
            a.edges = [Edge(a.index, _resolve(a.ke, ids, n), None, str(a.ke))]
        elif a.index + 1 < n:
            a.edges = [Edge(a.index, a.index + 1, None, "", implicit=True)]
        else:
            a.edges = [Edge(a.index, None, None, "", implicit=True)]
        start = a.index == 0 or a.mulai
        end = any(e.target is None for e in a.edges)
        if a.cabang:
            a.symbol = Symbol.DECISION
        elif start and end:
            a.symbol = Symbol.TERMINAL
        elif start:
            a.symbol = Symbol.START
        elif end:
            a.symbol = Symbol.END
        else:
            a.symbol = Symbol.PROCESS
    return SOP(path=Path("t.sop.yaml"), relpath="t.sop.yaml", nomor=nomor, nama=nama,
               pelaksana=dict(actors), kegiatan=acts)


def reference_sop() -> SOP:
    """The SOP of OUTPUT.md §5 reference pictures (12 activities, 4 actors)."""
    actors = {"pemohon": "Pemohon", "loket": "Petugas Loket", "kasi": "Kepala Seksi",
              "kadis": "Kepala Dinas"}
    rows = [
        ("Mengajukan permohonan izin beserta berkas persyaratan", "pemohon",
         ["Formulir permohonan", "fotokopi KTP"], "10 menit", "Berkas permohonan"),
        ("Menerima berkas dan mencatat dalam buku agenda", "loket", ["Buku agenda"], "10 menit", "Berkas tercatat"),
        ("Memeriksa kelengkapan berkas lalu meneruskan kepada Kepala Seksi", "loket", ["Daftar periksa"],
         "15 menit", "Berkas lengkap"),
        ("Melakukan verifikasi teknis dan peninjauan lapangan", "kasi", ["Formulir verifikasi"], "2 hari",
         "Berita acara peninjauan"),
        ("Menyusun konsep surat izin", "kasi", ["Templat surat izin"], "1 hari", "Konsep surat izin"),
        ("Memeriksa format dan memberi nomor register pada konsep surat", "loket", ["Buku register"],
         "30 menit", "Konsep bernomor"),
        ("Memaraf konsep surat izin dan meneruskan kepada Kepala Dinas", "kasi", ["Lembar paraf"], "15 menit",
         "Konsep terparaf"),
        ("Memeriksa konsep surat izin; apakah disetujui?", "kadis", ["Konsep surat izin"], "1 hari",
         "Keputusan persetujuan"),
        ("Menandatangani surat izin", "kadis", ["Surat izin"], "15 menit", "Surat izin ditandatangani"),
        ("Membubuhkan stempel dan mengarsipkan salinan surat izin", "loket", ["Stempel, map arsip"], "15 menit",
         "Salinan terarsip"),
        ("Menyerahkan surat izin kepada pemohon", "loket", ["Tanda terima"], "10 menit", "Tanda terima"),
        ("Menerima surat izin", "pemohon", [], "5 menit", "Surat izin diterima"),
    ]
    acts = []
    for i, (u, p, k, w, o) in enumerate(rows):
        d = {"uraian": u, "pelaksana": p, "kelengkapan": k, "waktu": w, "output": o}
        if i == 4:
            d["id"] = "konsep"
        if i == 7:
            d["cabang"] = {"Ya": "9", "Tidak": "konsep"}
            d["pertanyaan"] = "Setuju?"
            d["keterangan"] = "Jika tidak disetujui, kembali ke langkah 5"
        acts.append(d)
    return make_sop(actors, acts, nomor="SOP-012/DPMPTSP/2025", nama="Penerbitan Izin Reklame")


_WORDS = ("memeriksa menerima berkas surat permohonan izin menyusun konsep kepala seksi dinas "
          "menandatangani mengarsipkan salinan verifikasi lapangan pemohon petugas loket register "
          "mencatat agenda menyerahkan laporan meneruskan persetujuan anggaran daftar periksa").split()


def random_sop(rng, n_actors: int, n_acts: int, p_decision=0.15, p_joint=0.08, p_ke=0.08,
               p_mulai=0.04, max_words=28) -> SOP:
    """A random but well-formed SOP (targets always resolve) for property tests."""
    actors = {f"a{i}": " ".join(rng.choice(_WORDS).capitalize() for _ in range(rng.randint(1, 3)))
              for i in range(n_actors)}
    ids = list(actors)

    def words(lo, hi):
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(lo, hi)))

    def target(i):
        r = rng.random()
        if r < 0.12:
            return "selesai"
        if r < 0.45 and i > 0:
            return str(rng.randint(1, i + 1))          # earlier row (or itself)
        return str(rng.randint(min(i + 2, n_acts), n_acts))

    acts = []
    for i in range(n_acts):
        d = {"uraian": words(1, max_words)}
        if rng.random() < p_joint and n_actors > 1:
            d["pelaksana"] = rng.sample(ids, rng.randint(2, min(3, n_actors)))
        else:
            d["pelaksana"] = rng.choice(ids)
        if rng.random() < 0.7:
            d["kelengkapan"] = [words(1, 4) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.8:
            d["waktu"] = f"{rng.randint(1, 59)} menit"
        if rng.random() < 0.8:
            d["output"] = words(1, 5)
        if rng.random() < 0.15:
            d["keterangan"] = words(2, 12)
        if i > 0 and rng.random() < p_decision:
            labels = ["Ya", "Tidak", "Tidak lengkap", "Perlu revisi"]
            k = 3 if rng.random() < 0.1 else 2
            d["cabang"] = {labels[j]: target(i) for j in range(k)}
            if rng.random() < 0.6 and i + 1 < n_acts:
                d["cabang"]["Ya"] = str(i + 2)
        elif rng.random() < p_ke:
            d["ke"] = target(i)
        if i > 0 and rng.random() < p_mulai:
            d["mulai"] = True
        acts.append(d)
    return make_sop(actors, acts)


_STRESS_WORDS = ("menerima memeriksa berkas surat permohonan data statistik konsultasi menyusun "
                 "laporan kepala bagian umum mengarsipkan menyerahkan verifikasi anggaran kontrak").split()
_STRESS_LABELS = ["Ya", "Tidak", "Perlu perbaikan", "Tidak lengkap", "Disetujui untuk diproses", "Ditolak"]


def stress_sop(rng) -> SOP:
    """A stress flow of issue 15 (benchmarks/layout_stress.py): 3-10 actors, 8-45
    activities, decisions with 2-3 branches, loops back from the bottom (5-12 rows up)."""
    n_act = rng.randint(3, 10)
    actors = {f"a{i}": " ".join(rng.choice(_STRESS_WORDS).capitalize() for _ in range(rng.randint(1, 4)))
              for i in range(n_act)}
    n = rng.randint(8, 45)
    acts = []
    for i in range(n):
        d = {"uraian": " ".join(rng.choice(_STRESS_WORDS) for _ in range(rng.randint(3, 14))),
             "pelaksana": f"a{rng.randrange(n_act)}", "waktu": f"{rng.randint(1, 60)} menit",
             "output": " ".join(rng.choice(_STRESS_WORDS) for _ in range(rng.randint(1, 3)))}
        if 2 <= i < n - 1 and rng.random() < 0.18:
            k = 3 if rng.random() < 0.3 else 2
            labels = rng.sample(_STRESS_LABELS, k)
            targets = [str(i + 2), str(max(1, i - rng.randint(4, 11)))]
            if k == 3:
                targets.append(str(min(n, i + rng.randint(2, 5))))
            d["cabang"] = dict(zip(labels, targets))
            if rng.random() < 0.5:
                words = " ".join(rng.choice(_STRESS_WORDS) for _ in range(rng.randint(1, 5)))
                d["pertanyaan"] = f"Apakah {words}?"
        acts.append(d)
    return make_sop(actors, acts)
