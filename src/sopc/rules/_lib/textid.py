"""Cheap heuristics for Indonesian activity text (the KJ rules).

Everything here is table lookups and regexes compiled at import time: the whole rule
catalog must run in about a millisecond per SOP, so no function compiles a pattern or
builds a table per call.

Public functions:

* :func:`is_verb_first` -- does an ``uraian`` start with a verb and without a subject?
* :func:`is_passive_start` -- does it start with a ``di-`` passive verb?
* :func:`active_form` -- best-effort active (``meN-``) form of a ``di-`` verb, for hints.
* :func:`starts_with_checking_verb` -- starts with memeriksa/memverifikasi/menilai...?
* :func:`condition_markers` / :func:`has_condition_marker` -- jika/apabila/bila/bilamana/
  kalau as whole words.
* :func:`acronyms` / :func:`acronym_hits` -- all-caps words (SPM, SP2D), roman numerals
  excluded.
* :func:`defined_acronyms` / :func:`spelled_out` -- "Surat Perintah Membayar (SPM)".
* :func:`actor_prefix` -- the actor label an uraian starts with.
* :func:`first_words` / :func:`brief` -- short quotes for messages.

Known limits (documented, tested): the verb test is morphological, not a dictionary.
A base verb missing from :data:`BASE_VERBS` ("Antre di loket") is reported as not a
verb; a noun that happens to look like ``me-``/``ber-``/``ter-`` and is missing from
:data:`NOT_VERBS` is accepted as a verb.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterable

# ---------------------------------------------------------------------------
# Word tables

#: Base (imperative / root) verbs and loan verbs accepted at the start of an uraian.
BASE_VERBS: frozenset[str] = frozenset("""
    ajukan ambil antar antarkan arsipkan bagikan bayar baca balas bandingkan bawa beri
    berikan buat buka cari catat cek ceklis check cetak copy daftarkan datang
    disposisikan download edit email entri entry foto fotokopi hapus hitung hubungi
    identifikasi ikuti input isi isikan jawab kaji kembalikan kerjakan ketik kirim
    kirimkan klarifikasi klik konfirmasi koordinasikan kumpulkan laksanakan lakukan
    laporkan lengkapi lihat login logout masuk masukkan minta mintakan monitor mulai
    olah paraf pastikan pelajari pelihara perbaiki perbarui periksa perhatikan pesan
    pilih pindai posting print proses publikasikan rekam rekap registrasi review revisi
    sahkan salin sampaikan scan selesai serahkan setujui share siapkan simpan stempel
    submit susun tambahkan tanyakan tekan teliti telepon tempel tentukan terbitkan
    terima teruskan tetapkan tik tindaklanjuti tolak tulis tunggu ubah ukur umumkan
    undang unduh unggah update upload validasi verifikasi evaluasi approve
    tandatangani bubuhkan legalisir keluarkan kenakan kemukakan kembangkan kendalikan
    ketikkan
""".split())

#: Two-word base verbs.
BASE_VERBS_2: frozenset[str] = frozenset({
    "tanda tangani", "tindak lanjuti", "log in", "follow up", "cross check",
    "crosscheck data",
})

#: Words that look like a verb prefix (me-/ber-/ter-/di-/per-) but are not verbs,
#: plus other common nouns that start activity texts in real SOPs.
NOT_VERBS: frozenset[str] = frozenset("""
    meja media mediasi medis medan menteri menu menit merek merk meter meterai metode
    metodologi mekanisme mesin merah memo memori memorandum mental mentor menara
    merdeka metadata member meeting mebel megah melati mesjid mekanik
    berkas berita beras berat beranda berapa beres berlian berkat benda
    terminal termin tersangka terdakwa tertanggal teras terigu terapi teroris ternak
    tersebut terakhir teritori
    dinas direktur direktorat direksi dirjen dirut diklat digital digitalisasi diskusi
    dividen divisi dinding diagram dimensi diploma diplomasi diesel distrik disposisi
    distribusi diskon dispensasi diri dini dingin dinamika dinamis direktori disiplin
    disertasi diskresi dialog diameter dies dinasti disket display distributor disk
    dikte diare diet digit dilema dioda dipan diorama
    surat dokumen data daftar formulir laporan rapat aplikasi sistem
    tindakan gerakan masukan cetakan tembakan bukan ikan akan rekan tumpukan desakan
    tusukan tarikan perbaikan pergerakan percetakan perusakan perbankan
""".split())

#: Subject words: an uraian must not start with who does it (the column says that).
SUBJECT_WORDS: frozenset[str] = frozenset("""
    pengguna petugas pemohon pegawai kepala staf staff operator tim bagian seksi
    subbagian subbag bidang masyarakat pejabat pimpinan atasan sekretaris ketua anggota
    pelaksana pelapor peserta penyedia panitia pokja unit satker sekretariat loket
    customer user klien pelanggan warga penduduk pihak karyawan asn pns admin
    administrator verifikator kasir tamu pengunjung pasien mahasiswa siswa dosen guru
    bendahara kasi kasie kasubag kasubbag kasubid kabag kabid kadis kaban kaur sekdis sekda sekcam
    camat lurah kades sekdes bupati walikota wali gubernur ppk pptk ppspm kpa
    saya kami kita anda ia dia mereka beliau
""".split())

#: Conjunctions, prepositions and adverbs that push the verb away from the start.
CONNECTIVES: frozenset[str] = frozenset("""
    setelah sesudah sebelum jika apabila bila bilamana kalau jikalau ketika saat
    sewaktu selama pada dalam untuk guna agar supaya kemudian lalu selanjutnya
    berikutnya lantas sambil sementara dan atau serta dengan oleh dari ke di bersama
    beserta berdasarkan terhadap terkait terlebih termasuk sesuai melalui menurut
    mengenai menjelang meskipun meski melainkan memang yang bahwa semua seluruh setiap
    tiap harus wajib perlu dapat bisa akan sudah telah segera tidak belum hanya
    berbagai beragam bermacam terutama terhitung
    dimana diatas dibawah didalam diluar disini disana disamping diantara dikarenakan
""".split())

#: Verbs that make a decision's uraian a check (KJ04).
CHECKING_VERBS: frozenset[str] = frozenset("""
    memeriksa memverifikasi menilai menyetujui meneliti mengecek memastikan menelaah
    mengevaluasi memutuskan menguji mencocokkan memvalidasi mengoreksi mempertimbangkan
    menentukan menimbang mengkaji mereviu mereview menganalisis menganalisa
    membandingkan memilih mengonfirmasi mengkonfirmasi mengklarifikasi meninjau
    mengidentifikasi menyeleksi memproses memeriksakan menanyakan
    periksa cek verifikasi validasi teliti pastikan kaji tentukan setujui apakah
""".split())

#: Acronyms every reader of an SOP AP knows; never reported by KJ06.
KNOWN_ACRONYMS: frozenset[str] = frozenset(
    "SOP AP RI WIB WITA WIT PDF JPG JPEG PNG KB MB GB".split()
)

# ---------------------------------------------------------------------------
# Regexes (compiled once)

# leading bullets, numbering ("1.", "a)") and quotes, then the first two words
_HEAD_RE = re.compile(
    r"[\s\"'“”‘’(\[•*·\-–—]*(?:(?:\d{1,3}|[a-zA-Z])[.)]\s+)?[\s\"'“”‘’(\[]*"
    r"([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)(?:[^A-Za-z0-9]{1,3}([A-Za-z][A-Za-z'’]*))?")
_CONDITION_RE = re.compile(r"\b(jikalau|jika|apabila|bilamana|bila|kalau)\b")   # on lowercase text
# no leading \b: a pattern starting with a character class lets the regex engine skip
# ahead fast; the left boundary is checked by hand (see _acronym_matches)
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]+\b")
_ROMAN_RE = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")
_DEF_AFTER_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9]*[A-Z0-9])\s*\)")
_DEF_BEFORE_RE = re.compile(r"\b([A-Z][A-Z0-9]+)\s*\(\s*([^()\x00]{3,}?)\s*\)")
_WORDS_RE = re.compile(r"[A-Za-z0-9]+")

# Reasons returned by is_verb_first.
OK_PREFIX = "prefix"        # me-/ber-/ter- verb
OK_BASE = "base"            # base or loan verb from the list
OK_IMPERATIVE = "imperative"  # ...-kan / per-...-i imperative
OK_PASSIVE = "passive"      # di- verb (a verb; KJ02 reports the passive voice)
OK_QUESTION = "question"    # "Apakah ...?" (a decision question)
EMPTY = "empty"
ACTOR = "actor"             # starts with an actor label of this SOP
SUBJECT = "subject"         # starts with a subject word (petugas, pemohon ...)
CONNECTIVE = "connective"   # Setelah, Jika, Apabila, Untuk ...
NOUN = "noun"               # Persetujuan, Pembayaran, Berkas ...
NOT_VERB = "not-verb"       # anything else


@lru_cache(maxsize=8192)
def _head(text: str) -> tuple[str, str, int]:
    """(first word, second word, start of the first word); words as written. Cached:
    KJ01, KJ02 and KJ04 read the same uraian in one run."""
    m = _HEAD_RE.match(text)
    if m is None:
        return "", "", 0
    return m.group(1), m.group(2) or "", m.start(1)


def first_words(text: str, n: int = 1) -> str:
    """The first ``n`` words of ``text`` as written (for quoting in messages)."""
    words = str(text).split()
    return " ".join(words[:n])


def brief(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` with an ellipsis."""
    t = " ".join(str(text).split())
    if len(t) <= limit:
        return t
    cut = t.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
    return t[:cut].rstrip(" ,;:") + "…"


class LabelIndex:
    """Actor labels indexed by their first word (casefolded), for :func:`actor_prefix`
    and :func:`is_verb_first`. Build it with :func:`label_index` (cached)."""

    __slots__ = ("by_first",)

    def __init__(self, labels: Iterable[str]):
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        for label in labels:
            folded = " ".join(str(label).split()).casefold()
            if folded:
                first = folded.split(" ", 1)[0]
                self.by_first.setdefault(first, []).append((folded, str(label)))
        for v in self.by_first.values():
            v.sort(key=lambda x: -len(x[0]))   # longest label first


@lru_cache(maxsize=512)
def _label_index(labels: tuple[str, ...]) -> LabelIndex:
    return LabelIndex(labels)


def label_index(labels: Iterable[str] | LabelIndex) -> LabelIndex:
    """A (cached) :class:`LabelIndex` of ``labels``."""
    if isinstance(labels, LabelIndex):
        return labels
    return _label_index(tuple(labels))


def _actor_at(text: str, w1: str, start: int, index: LabelIndex) -> str | None:
    cands = index.by_first.get(w1.casefold())
    if not cands:
        return None
    longest = len(cands[0][0])
    folded = " ".join(text[start:start + longest + 40].split()).casefold()
    for lab, label in cands:
        if folded.startswith(lab) and (len(folded) == len(lab) or not folded[len(lab)].isalnum()):
            return label
    return None


def actor_prefix(text: str, labels: Iterable[str] | LabelIndex) -> str | None:
    """The actor label ``text`` starts with (case and spaces ignored), or None."""
    w1, _, start = _head(str(text))
    if not w1:
        return None
    return _actor_at(str(text), w1, start, label_index(labels))


def _build_lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    # lowest priority first; later tables win
    for words, reason in ((NOT_VERBS, NOUN), (SUBJECT_WORDS, SUBJECT),
                          (CONNECTIVES, CONNECTIVE), (BASE_VERBS, OK_BASE)):
        for w in words:
            table[w] = reason
    table["apakah"] = OK_QUESTION
    return table


_LOOKUP = _build_lookup()
_TWO_FIRST = frozenset(v.split(" ", 1)[0] for v in BASE_VERBS_2)


def classify_word(word: str, nxt: str = "") -> str:
    """Classify a first word (``nxt`` is the following word, for two-word verbs).
    Returns one of the reason constants. Word lists first, then morphology:
    me-/ber-/ter- → verb, di- → passive verb, per-...-i/-kan and ...-kan → imperative,
    pe-..., ke-...-an and ...-an → noun."""
    w = word.lower()
    if not w:
        return NOT_VERB
    if nxt and w in _TWO_FIRST and f"{w} {nxt.lower()}" in BASE_VERBS_2:
        return OK_BASE
    r = _LOOKUP.get(w)
    if r is not None:
        return r
    if "-" in w:
        head = w.split("-", 1)[0]
        if head in ("me", "men", "mem", "meng", "ber"):
            return OK_PREFIX
        if head == "di":
            return OK_PASSIVE
        w = w.replace("-", "")
    n = len(w)
    if n >= 5:
        p2 = w[:2]
        if p2 == "di":
            return OK_PASSIVE
        if p2 == "me" or w[:3] in ("ber", "ter"):
            return OK_PREFIX
    if w[:3] == "per" and ((n >= 9 and w.endswith("kan")) or (n >= 7 and w[-1] == "i")):
        return OK_IMPERATIVE
    if n >= 6 and w.endswith("kan") and w[:2] not in ("pe", "ke"):
        return OK_IMPERATIVE
    if (n >= 5 and w[:2] == "pe") or (n > 4 and w.endswith("an")):
        return NOUN
    return NOT_VERB


_OK = frozenset({OK_PREFIX, OK_BASE, OK_IMPERATIVE, OK_PASSIVE, OK_QUESTION})


def is_verb_first(text: str, actor_labels: Iterable[str] | LabelIndex = ()) -> tuple[bool, str]:
    """Does ``text`` (an ``uraian``) start with a verb and without a subject?

    Returns ``(ok, reason)``; ``reason`` is one of the constants of this module:
    ``prefix``/``base``/``imperative``/``passive``/``question`` when ok, else
    ``empty``, ``actor`` (starts with an actor label of the SOP), ``subject``
    (pengguna, petugas, pemohon...), ``connective`` (Setelah, Jika...), ``noun``
    (Persetujuan, Pembayaran, Berkas...) or ``not-verb``.

    A ``di-`` passive verb counts as a verb here; KJ02 reports the passive voice.
    ``actor_labels`` may be a :class:`LabelIndex` (faster when called per activity).
    """
    text = str(text)
    w1, w2, start = _head(text)
    if not w1:
        return False, (EMPTY if not text.strip() else NOT_VERB)
    if actor_labels and _actor_at(text, w1, start, label_index(actor_labels)):
        return False, ACTOR
    reason = classify_word(w1.lower(), w2.lower())
    return reason in _OK, reason


def is_passive_start(text: str) -> str:
    """The ``di-`` passive verb ``text`` starts with ("Diperiksa"), or ``""``.

    Nouns that begin with "di" (Dinas, Direktur, Dirjen, Diklat, Digital, Diskusi,
    Divisi, Disposisi...) are not passive verbs.
    """
    word = _head(str(text))[0]
    if word[:2] not in ("Di", "di", "DI", "dI"):
        return ""
    w = word.lower()
    if w in NOT_VERBS or w in CONNECTIVES or w in SUBJECT_WORDS:
        return ""
    if w.startswith("di-") or (len(w) >= 5 and w.replace("'", "").isalpha()):
        return word
    return ""


_NASAL = {
    "p": ("mem", True), "b": ("mem", False), "f": ("mem", False), "v": ("mem", False),
    "t": ("men", True), "d": ("men", False), "c": ("men", False), "j": ("men", False),
    "z": ("men", False), "s": ("meny", True),
    "k": ("meng", True), "g": ("meng", False), "h": ("meng", False),
    "a": ("meng", False), "e": ("meng", False), "i": ("meng", False),
    "o": ("meng", False), "u": ("meng", False),
    "l": ("me", False), "m": ("me", False), "n": ("me", False), "r": ("me", False),
    "w": ("me", False), "y": ("me", False),
}
_VOWELS = frozenset("aeiou")


def active_form(passive_word: str) -> str:
    """Best-effort active form of a ``di-`` verb, for a hint in a message:
    Diperiksa → Memeriksa, Disetujui → Menyetujui, Dikirim → Mengirim,
    Diperbaiki → Memperbaiki, Diproses → Memproses. Returns ``""`` when unsure."""
    w = passive_word.lower().replace("-", "")
    if not w.startswith("di") or len(w) < 4:
        return ""
    base = w[2:]
    if base.startswith("per") and len(base) > 4 and base[3] not in _VOWELS:
        out = "memper" + base[3:]
    else:
        prefix, drops = _NASAL.get(base[0], ("me", False))
        # a consonant cluster (proses, klarifikasi, transfer) keeps its first letter
        if drops and len(base) > 1 and base[1] not in _VOWELS:
            drops = False
        out = prefix + (base[1:] if drops else base)
    return out[:1].upper() + out[1:]


def starts_with_checking_verb(text: str) -> bool:
    """Does ``text`` start with a checking verb (memeriksa, memverifikasi, menilai,
    menyetujui, meneliti, mengecek, memastikan, menelaah...) or "Apakah"?"""
    return _head(str(text))[0].lower() in CHECKING_VERBS


def _may_have_marker(t: str) -> bool:
    return ("bila" in t or "jika" in t or "kalau" in t or "Bila" in t or "Jika" in t
            or "Kalau" in t or "BILA" in t or "JIKA" in t or "KALAU" in t)


def condition_markers(text: str) -> list[str]:
    """Condition markers in ``text`` (jika, apabila, bila, bilamana, kalau, jikalau),
    as whole words, lowercase, in order. "maka" is not needed."""
    if not text:
        return []
    t = str(text)
    if not _may_have_marker(t):
        return []
    return [m.group(1) for m in _CONDITION_RE.finditer(t.lower())]


def has_condition_marker(text: str) -> bool:
    """Does ``text`` hold a condition marker? (Stops at the first one.)"""
    t = str(text or "")
    return _may_have_marker(t) and _CONDITION_RE.search(t.lower()) is not None


def _is_shouting(text: str, found: list[str]) -> bool:
    """A text written in capitals (a heading) is not a list of acronyms."""
    if len(found) < 3:
        return False
    words = _WORDS_RE.findall(text)
    return len(found) * 5 >= len(words) * 3


def acronyms(text: str) -> list[str]:
    """All-caps words of two or more letters, digits allowed after the first letter
    (SPM, SP2D, KPPN, e-KTP → KTP), in order, repeated ones included. Roman numerals
    (II, IV, XII) and texts written entirely in capitals are skipped; so are words
    glued to lowercase letters (PermenPANRB)."""
    if not text:
        return []
    text = str(text)
    found = [w for _, w in _acronym_matches(text)
             if not _ROMAN_RE.match(w) and sum(ch.isalpha() for ch in w) >= 2]
    if found and _is_shouting(text, found):
        return []
    return found


def _acronym_matches(text: str):
    """(start, word) of the all-caps words of ``text`` (left word boundary checked)."""
    for m in _ACRONYM_RE.finditer(text):
        s = m.start()
        if s:
            prev = text[s - 1]
            if prev.isalnum() or prev == "_":
                continue
        yield s, m.group()


def _is_subsequence(letters: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in letters)


def _expands(acr: str, words: list[str]) -> bool:
    """Can ``words`` (ending right before the acronym, or the bracketed long form) be
    the long form of ``acr``? A span of them must start with the acronym's first letter
    and contain its letters in order: "Surat Perintah Pencairan Dana" → SP2D,
    "Sistem Informasi Manajemen Kepegawaian" → SIMPEG."""
    letters = "".join(ch for ch in acr.lower() if ch.isalpha())
    if not letters:
        return False
    words = [w.strip("(),.;:\"'").lower() for w in words]
    words = [w for w in words if w and w != acr.lower()]
    for i in range(len(words) - 1, -1, -1):
        if not words[i].startswith(letters[0]):
            continue
        span = words[i:]
        if len(span) < 2 and len(span[0]) <= len(letters):
            continue
        if _is_subsequence(letters, "".join(span)):
            return True
    return False


def defined_acronyms(texts: Iterable[str]) -> set[str]:
    """Acronyms spelled out somewhere in ``texts``: "Surat Perintah Membayar (SPM)"
    or "SPM (Surat Perintah Membayar)". The long form must start with the acronym's
    first letter and contain its letters in order."""
    out: set[str] = set()
    for text in texts:
        if not text or "(" not in text:
            continue
        for m in _DEF_AFTER_RE.finditer(text):
            acr = m.group(1)
            before = text[max(0, m.start() - 120):m.start()].rpartition("\x00")[2]
            if acr not in out and _expands(acr, before.split()[-10:]):
                out.add(acr)
        for m in _DEF_BEFORE_RE.finditer(text):
            acr, long = m.group(1), m.group(2)
            words = long.split()
            if acr not in out and words and words[0][:1].lower() == acr[0].lower() \
                    and _expands_from_start(acr, words):
                out.add(acr)
    return out


def _expands_from_start(acr: str, words: list[str]) -> bool:
    letters = "".join(ch for ch in acr.lower() if ch.isalpha())
    joined = "".join(w.strip("(),.;:\"'").lower() for w in words)
    return bool(letters) and joined.startswith(letters[0]) and (
        len(words) >= 2 or len(joined) > len(letters)) and _is_subsequence(letters, joined)


def spelled_out(acronym: str, all_texts: Iterable[str]) -> bool:
    """Is ``acronym`` spelled out in one of ``all_texts``? (See :func:`defined_acronyms`;
    a rule checking many acronyms should call that once.)"""
    return acronym in defined_acronyms(all_texts)


_ACR_OK: dict[str, bool] = {}   # word -> is an acronym (not a roman numeral); bounded memo


def acronym_hits(texts: list[str], skip: frozenset[str] | set[str] = frozenset()
                 ) -> list[tuple[int, str]]:
    """``(index in texts, acronym)`` for every acronym of every text, in order, with
    the same exclusions as :func:`acronyms` and without the words in ``skip``; one
    regex pass over all texts."""
    joined = "\x00".join(texts)
    ok = _ACR_OK
    per_text: dict[int, list[str]] = {}
    bounds: list[int] | None = None
    for start, w in _acronym_matches(joined):
        if w in skip:
            continue
        v = ok.get(w)
        if v is None:
            v = not _ROMAN_RE.match(w) and sum(ch.isalpha() for ch in w) >= 2
            if len(ok) < 20000:
                ok[w] = v
        if not v:
            continue
        if bounds is None:
            bounds = list(accumulate([len(t) + 1 for t in texts], initial=0))
        per_text.setdefault(bisect_right(bounds, start) - 1, []).append(w)
    out: list[tuple[int, str]] = []
    for i in sorted(per_text):
        found = per_text[i]
        if len(found) >= 3 and _is_shouting(texts[i], found):
            continue
        for w in found:
            out.append((i, w))
    return out
