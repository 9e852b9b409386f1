"""Cheap heuristics for Indonesian activity text (the KJ rules).

Everything here is table lookups and regexes compiled at import time; the word lists
(``_data/kata.yaml``, see :mod:`sopc.rules._lib.vocab`) are read on first use. The whole
rule catalog must run in about a millisecond per SOP, so no function compiles a pattern
or builds a table per call.

Public functions (``vocab`` is a :class:`~sopc.rules._lib.vocab.Vocabulary`; the
built-in lists when omitted):

* :func:`is_verb_first` -- does an ``uraian`` start with a verb and without a subject?
* :func:`is_passive_start` -- does it start with a ``di-`` passive verb?
* :func:`passive_clause` -- a ``di-`` passive clause after the first one ("Membuat
  surat, diajukan ke ...").
* :func:`active_form` -- the active (``meN-``) form of a ``di-`` verb, for hints.
* :func:`starts_with_checking_verb` -- starts with memeriksa/memverifikasi/menilai...?
* :func:`condition_markers` / :func:`has_condition_marker` -- jika/apabila/bila/bilamana/
  kalau/manakala/"dalam hal" as whole words; :func:`decision_markers` -- the same without conditions that
  only move a deadline ("1 hari setelah masa sanggah jika tidak ada sanggahan").
* :func:`inline_question` -- a question answered in the same text ("...? Ya, ...").
* :func:`actor_prefix` -- the actor label an uraian starts with.
* :func:`first_words` / :func:`brief` -- short quotes for messages.
* Acronyms (:func:`acronyms`, :func:`acronym_hits`, :func:`defined_acronyms`,
  :func:`spelled_out`) live in :mod:`sopc.rules._lib.acronym`, re-exported here.

Known limits (documented, tested): the verb test is morphological plus word lists, not
a dictionary. A base verb missing from the list is reported as not a verb; a noun that
happens to look like ``me-``/``ber-``/``ter-`` and is missing from the noun lists is
accepted as a verb. A repository adds words in sopc.yaml (``kosakata``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from sopc.rules._lib.acronym import acronym_hits, acronyms, defined_acronyms, spelled_out
from sopc.rules._lib.passive import passive_scan, passive_verb
from sopc.rules._lib.vocab import (CONNECTIVE, NOT_VERB, NOUN, OK_BASE, OK_IMPERATIVE,
                                   OK_PASSIVE, OK_PREFIX, OK_QUESTION, SUBJECT, Vocabulary,
                                   vocab_for, vocabulary)

__all__ = [  # the rules import these from here; some live in acronym.py and vocab.py
    "ACTOR", "CONNECTIVE", "EMPTY", "NOT_VERB", "NOUN", "OK_BASE", "OK_IMPERATIVE",
    "OK_PASSIVE", "OK_PREFIX", "OK_QUESTION", "SUBJECT", "LabelIndex", "Vocabulary",
    "acronym_hits", "acronyms", "active_form", "actor_prefix", "brief", "classify_word",
    "condition_markers", "decision_markers", "defined_acronyms", "first_noun",
    "first_words", "has_condition_marker", "inline_question", "is_passive_start",
    "is_verb_first", "label_index", "may_hide_decision", "passive_clause", "passive_of",
    "spelled_out", "starts_with_checking_verb", "vocab_for", "vocabulary",
]

# ---------------------------------------------------------------------------
# Regexes (compiled once)

# leading bullets, numbering ("1.", "a)") and quotes, then the first two words
_HEAD_RE = re.compile(
    r"[\s\"'“”‘’(\[•*·\-–—]*(?:(?:\d{1,3}|[a-zA-Z])[.)]\s+)?[\s\"'“”‘’(\[]*"
    r"([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)(?:[^A-Za-z0-9]{1,3}([A-Za-z][A-Za-z'’]*))?")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_CONDITION_RE = re.compile(
    r"\b(jikalau|jika|apabila|bilamana|bila|kalau|manakala|dalam hal)\b")   # on lowercase text
_NUMBER = (r"(?:\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|"
           r"(?:dua|tiga|empat) (?:belas|puluh))")
# "3 (tiga) hari kerja setelah", "1 x 24 jam sejak": a deadline counted from an event
_RELATIVE_TIME_RE = re.compile(
    _NUMBER + r"\s*(?:\([a-z ]+\)\s*)?(?:x\s*24\s*jam|hari|jam|menit|minggu|pekan|bulan|tahun)"
    r"(?:\s+(?:kerja|kalender))?\s+(?:[a-z]+\s+){0,2}?(?:setelah|sesudah|sejak|sebelum|terhitung)\b")
# a condition about the calendar: "jika jatuh pada hari libur"
_CALENDAR_RE = re.compile(
    r"hari libur|libur nasional|tanggal merah|jatuh pada|hari kerja (?:berikut|sebelum)|akhir pekan")
# an answer written after a question: "...? Ya, diteruskan. Tidak, dikembalikan"
_ANSWER_RE = re.compile(
    r"(?:^|[?.;:]|\)\s)\s*[\"'(]?\s*(?:ya|tidak|belum|sudah)"
    r"(?:\s+(?:lengkap|sesuai|benar|ada|setuju|valid|memenuhi(?: syarat)?))?\s*[\"')]?\s*"
    r"(?:[,:=>/→\-–—]|maka\b)", re.IGNORECASE)

EMPTY = "empty"
ACTOR = "actor"             # starts with an actor label of this SOP


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


_OK = frozenset({OK_PREFIX, OK_BASE, OK_IMPERATIVE, OK_PASSIVE, OK_QUESTION})


def classify_word(word: str, nxt: str = "", vocab: Vocabulary | None = None) -> str:
    """Classify a first word (``nxt`` is the following word, for two-word verbs).
    Returns one of the reason constants. Word lists first, then morphology:
    me-/ber-/ter- → verb, di- → passive verb (unless a noun: Dinas, Diseminasi),
    per-...-i/-kan and ...-kan → imperative, pe-..., ke-...-an and ...-an → noun."""
    v = vocab or vocabulary()
    w = word.lower()
    if not w:
        return NOT_VERB
    if nxt and w in v.two_first and f"{w} {nxt.lower()}" in v.verbs2:
        return OK_BASE
    r = v.lookup.get(w)
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
        if w[:2] == "di":
            return NOUN if v.is_di_noun(w) else OK_PASSIVE
        if w[:2] == "me" or w[:3] in ("ber", "ter"):
            return OK_PREFIX
    if w[:3] == "per" and ((n >= 9 and w.endswith("kan")) or (n >= 7 and w[-1] == "i")):
        return OK_IMPERATIVE
    if n >= 6 and w.endswith("kan") and w[:2] not in ("pe", "ke"):
        return OK_IMPERATIVE
    if (n >= 5 and w[:2] == "pe") or (n > 4 and w.endswith("an")):
        return NOUN
    return NOT_VERB


@lru_cache(maxsize=8192)
def _lead_words(text: str) -> tuple[str, ...]:
    """The first four words of ``text`` from where :func:`_head` starts, lowercase."""
    start = _head(text)[2]
    out = []
    for m in _WORD_RE.finditer(text, start):
        out.append(m.group().lower())
        if len(out) == 4:
            break
    return tuple(out)


def _is_process_noun(w: str, v: Vocabulary) -> bool:
    """pe-/per-/ke-...-an or a loan -asi noun naming a process (not a thing such as
    "permohonan"): what makes "Proses Instalasi ..." a noun phrase."""
    if w in v.object_nouns or len(w) < 6:
        return False
    return (w[:2] in ("pe", "ke") and w.endswith("an")) or w.endswith("asi") \
        or w in v.loan_nouns


_FIRST_CLAUSE_RE = re.compile(r"[,;.?:]")


def _noun_phrase(text: str, v: Vocabulary) -> bool:
    """Does an uraian that starts with a base/loan verb read as a noun phrase?
    "Evaluasi dan Penyusunan Laporan", "Identifikasi dan rekomendasi ...": the word is
    joined by dan/serta/atau to a noun. "Proses Instalasi ...": "proses" followed by a
    process noun. "Verifikasi persyaratan oleh dinas teknis", "Kaji cepat dilakukan
    ...": an agent ("oleh") or a passive verb in the same clause make the word its
    subject."""
    words = _lead_words(text)
    if len(words) < 2:
        return False
    if words[0] in v.process_heads and _is_process_noun(words[1], v):
        return True
    if words[1] in ("dan", "serta", "atau") and len(words) >= 3:
        nxt = words[3] if len(words) > 3 else ""
        if classify_word(words[2], nxt, v) == NOUN:
            return True
    first = _FIRST_CLAUSE_RE.split(text, 1)[0].lower()
    if " oleh " in first:
        return True
    word, clause = passive_verb(text, v)
    return bool(word) and clause == 0


def is_verb_first(text: str, actor_labels: Iterable[str] | LabelIndex = (),
                  vocab: Vocabulary | None = None) -> tuple[bool, str]:
    """Does ``text`` (an ``uraian``) start with a verb and without a subject?

    Returns ``(ok, reason)``; ``reason`` is one of the constants of this module:
    ``prefix``/``base``/``imperative``/``passive``/``question`` when ok, else
    ``empty``, ``actor`` (starts with an actor label of the SOP), ``subject``
    (pengguna, petugas, pemohon...), ``connective`` (Setelah, Jika...), ``noun``
    (Persetujuan, Pembayaran, Berkas, Monitoring, "Evaluasi dan Penyusunan ...") or
    ``not-verb``.

    A ``di-`` passive verb counts as a verb here; KJ02 reports the passive voice.
    ``actor_labels`` may be a :class:`LabelIndex` (faster when called per activity).
    """
    text = str(text)
    w1, w2, start = _head(text)
    if not w1:
        return False, (EMPTY if not text.strip() else NOT_VERB)
    if actor_labels and _actor_at(text, w1, start, label_index(actor_labels)):
        return False, ACTOR
    v = vocab or vocabulary()
    reason = classify_word(w1, w2, v)
    if reason == OK_BASE and _noun_phrase(text, v):
        reason = NOUN
    return reason in _OK, reason


def first_noun(text: str) -> str:
    """The first word of ``text`` as written (the noun a KJ01 message names)."""
    return _head(str(text))[0]


def passive_of(text: str, vocab: Vocabulary) -> tuple[str, int]:
    """KJ02's reading of ``text``: ``(word, -2)`` when it starts with a di- passive
    verb (:func:`is_passive_start`), else :func:`passive_clause`."""
    if "di" not in text and "Di" not in text and "DI" not in text:
        return "", -1                         # the common case, without a call
    word = _head(text)[0]
    if word[:2] in ("Di", "di", "DI", "dI") and _is_passive_word(word, vocab):
        return word, -2
    return passive_scan(text, vocab)


def is_passive_start(text: str, vocab: Vocabulary | None = None) -> str:
    """The ``di-`` passive verb ``text`` starts with ("Diperiksa"), or ``""``.

    Nouns that begin with "di" (Dinas, Direktur, Dirjen, Diklat, Digital, Diskusi,
    Divisi, Disposisi, Diseminasi, Diskualifikasi...) are not passive verbs.
    """
    word = _head(str(text))[0]
    if word[:2] not in ("Di", "di", "DI", "dI"):
        return ""
    return word if _is_passive_word(word, vocab or vocabulary()) else ""


def _is_passive_word(word: str, v: Vocabulary) -> bool:
    w = word.lower()
    if v.is_di_noun(w):
        return False
    return w.startswith("di-") or (len(w) >= 5 and w.replace("'", "").isalpha())


def passive_clause(text: str, vocab: Vocabulary | None = None) -> tuple[str, int]:
    """The first passive main verb of ``text`` and the index of its clause (0 = the
    first): ("dikirim", 0) for "Surat dikirim ...", ("diajukan", 1) for "Membuat surat,
    diajukan ke ..."; ``("", -1)`` when every clause is active. See
    :mod:`sopc.rules._lib.passive` for what counts."""
    return passive_verb(text, vocab or vocabulary())


def active_form(passive_word: str, vocab: Vocabulary | None = None) -> str:
    """Active form of a ``di-`` verb for a hint in a message, a real word form or
    ``""``: Diperiksa → Memeriksa, Disetujui → Menyetujui, Dicek → Mengecek,
    Disahkan → Mengesahkan, Diperbaiki → Memperbaiki, Diproses → Memproses."""
    return (vocab or vocabulary()).active_form(passive_word)


def starts_with_checking_verb(text: str, vocab: Vocabulary | None = None) -> bool:
    """Does ``text`` start with a checking verb (memeriksa, memverifikasi, menilai,
    menyetujui, meneliti, mengecek, memastikan, menelaah...) or "Apakah"?"""
    return _head(str(text))[0].lower() in (vocab or vocabulary()).checking


def _hint(low: str) -> bool:
    # substring tests on the lowercased text: faster than one regex (measured)
    return "bila" in low or "jika" in low or "kalau" in low or "m hal" in low or "akala" in low


def _may_have_marker(t: str) -> bool:
    return _hint(t.lower())


def may_hide_decision(text: str) -> bool:
    """A cheap test before :func:`decision_markers` and :func:`inline_question`: does
    ``text`` hold a marker's letters, a "?" or "apakah" at all?"""
    low = text.lower()
    return _hint(low) or "?" in low or "apakah" in low


def condition_markers(text: str) -> list[str]:
    """Condition markers in ``text`` (jika, apabila, bila, bilamana, kalau, jikalau,
    manakala, "dalam hal"), as whole words, lowercase, in order. "maka" is not needed."""
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


def _clause_bounds(low: str, s: int, e: int) -> tuple[str, str]:
    """The text of the clause before position ``s`` and after ``e`` (to , ; or .)."""
    b = max(low.rfind(",", 0, s), low.rfind(";", 0, s), low.rfind(". ", 0, s))
    ends = [i for i in (low.find(",", e), low.find(";", e), low.find(". ", e)) if i >= 0]
    return low[b + 1:s], low[e:min(ends) if ends else len(low)]


def decision_markers(text: str) -> list[str]:
    """Like :func:`condition_markers`, without the conditions that only move a deadline:
    the clause before the marker counts a time from an event ("1 hari setelah masa
    sanggah jika tidak ada sanggahan") or the condition is about the calendar ("jika
    jatuh pada hari libur")."""
    if not text:
        return []
    t = str(text)
    if not _may_have_marker(t):
        return []
    low = t.lower()
    out = []
    for m in _CONDITION_RE.finditer(low):
        before, after = _clause_bounds(low, m.start(), m.end())
        if _RELATIVE_TIME_RE.search(before) or _CALENDAR_RE.search(after):
            continue
        out.append(m.group(1))
    return out


def inline_question(text: str) -> bool:
    """Is a question answered inside ``text``: "Memeriksa apakah berkas lengkap? Ya,
    diteruskan. Tidak, dikembalikan", "Data sesuai? (Ya/Tidak)"?"""
    if not text:
        return False
    t = str(text)
    if "?" not in t and "pakah" not in t and "PAKAH" not in t:
        return False
    return _ANSWER_RE.search(t) is not None
