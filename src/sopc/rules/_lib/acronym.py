"""Acronyms in SOP text (KJ06): finding them, telling them from ordinary words written in
capitals, and finding where they are spelled out.

* :func:`acronyms` / :func:`acronym_hits` -- all-caps words (SPM, SP2D), roman numerals,
  text written entirely in capitals and parts of hyphenated names ("Fasih-SM") excluded.
* :func:`is_ordinary_word` -- NOL, IMPOR, TIM, PORTAL, PENGUMUMAN, CARD: a word of the
  dictionary (``_data/kata-dasar.txt``, also after taking off the usual affixes) or of
  the list of capitalised English words (``_data/singkatan.yaml``), so not an acronym.
* :func:`glossary` -- the built-in glossary (``_data/singkatan.yaml``).
* :func:`defined_acronyms` / :func:`spelled_out` -- "Surat Perintah Membayar (SPM)".
* :func:`named_by_initials` -- "BPS" in the name "Badan Pusat Statistik Provinsi X".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterable

from sopc.rules._lib import data

# no leading \b: a pattern starting with a character class lets the regex engine skip
# ahead fast; the left boundary is checked by hand (see _acronym_matches)
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]+\b")
_ROMAN_RE = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")
_DEF_AFTER_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9]*[A-Z0-9])\s*\)")
_DEF_BEFORE_RE = re.compile(r"\b([A-Z][A-Z0-9]+)\s*\(\s*([^()\x00]{3,}?)\s*\)")
_WORDS_RE = re.compile(r"[A-Za-z0-9]+")
_NAME_WORD_RE = re.compile(r"[A-Za-z]+")

DICTIONARY = "kata-dasar.txt"
# words skipped when matching initials: "Dinas Penanaman Modal dan PTSP" → DPMPTSP
_FUNCTION_WORDS = frozenset("dan serta atau di ke dari untuk pada yang &".split())


# ---------------------------------------------------------------------------
# Data

@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = data.load("singkatan.yaml")
    known = set()
    for section in ("kependudukan", "pemerintahan", "lembaga_negara", "sistem_nasional",
                    "teknologi"):
        known.update(raw[section])
    return frozenset(known), frozenset(raw["juga_kata"]), frozenset(raw["kata_kapital"])


def glossary() -> frozenset[str]:
    """The acronyms of the built-in glossary (never reported by KJ06)."""
    return _lists()[0]


_PREFIXES = ("menge", "meng", "meny", "mem", "men", "me", "penge", "peng", "peny", "pem",
             "pen", "pe", "per", "ber", "be", "ter", "di", "ke", "se")
_SUFFIXES = ("kannya", "annya", "nya", "kan", "an", "i")
_NASAL_BACK = {"meny": "s", "peny": "s", "mem": "p", "pem": "p", "men": "t", "pen": "t",
               "meng": "k", "peng": "k"}


def _stems(w: str):
    """``w`` and what remains after the usual Indonesian affixes (with the nasal's
    dropped consonant put back): pengumuman → umum, permohonan → mohon."""
    yield w
    cores = [w] + [w[:-len(s)] for s in _SUFFIXES if w.endswith(s) and len(w) - len(s) >= 3]
    for core in cores:
        yield core
        for p in _PREFIXES:
            if core.startswith(p) and len(core) - len(p) >= 3:
                rest = core[len(p):]
                yield rest
                back = _NASAL_BACK.get(p)
                if back and rest[0] in "aeiou":
                    yield back + rest


_ORDINARY: dict[str, bool] = {}


def is_ordinary_word(word: str) -> bool:
    """Is the all-caps ``word`` an ordinary word (Indonesian dictionary word, also with
    affixes, or a listed English word), not an acronym? Words with digits and the
    listed acronyms that are also words (POK, BAP) are not ordinary."""
    got = _ORDINARY.get(word)
    if got is not None:
        return got
    _known, also_words, caps_words = _lists()
    if word in caps_words:
        got = True
    elif word in also_words or not word.isalpha() or len(word) < 3:
        got = False
    else:
        low = word.lower()
        got = any(data.in_word_list(DICTIONARY, s) for s in _stems(low))
    if len(_ORDINARY) < 20000:
        _ORDINARY[word] = got
    return got


# ---------------------------------------------------------------------------
# Finding acronyms

def _is_shouting(text: str, found: list[str]) -> bool:
    """A text written in capitals (a heading) is not a list of acronyms: three or more
    all-caps words and at most a quarter of the words with a lowercase letter
    ("Mengirim ADK SPM ke KPPN" is not shouting)."""
    if len(found) < 3:
        return False
    words = _WORDS_RE.findall(text)
    lower = sum(1 for w in words if not w.isupper() and not w.isdigit())
    return lower * 4 <= len(words)


def _acronym_matches(text: str):
    """(start, word) of the all-caps words of ``text`` (left word boundary checked).
    A word glued by a hyphen to a preceding word of two or more letters with a
    lowercase letter ("Fasih-SM") is part of a name and skipped; "e-KTP" is kept."""
    for m in _ACRONYM_RE.finditer(text):
        s = m.start()
        if s:
            prev = text[s - 1]
            if prev.isalnum() or prev == "_":
                continue
            if prev == "-" and s >= 3 and text[s - 2].isalpha():
                j = s - 2
                while j > 0 and text[j - 1].isalpha():
                    j -= 1
                head = text[j:s - 1]
                if len(head) >= 2 and not head.isupper():
                    continue
        yield s, m.group()


def acronyms(text: str) -> list[str]:
    """All-caps words of two or more letters, digits allowed after the first letter
    (SPM, SP2D, KPPN, e-KTP → KTP), in order, repeated ones included. Roman numerals
    (II, IV, XII) and texts written entirely in capitals are skipped; so are words
    glued to lowercase letters (PermenPANRB) and parts of hyphenated names (Fasih-SM)."""
    if not text:
        return []
    text = str(text)
    found = [w for _, w in _acronym_matches(text)
             if not _ROMAN_RE.match(w) and sum(ch.isalpha() for ch in w) >= 2]
    if found and _is_shouting(text, found):
        return []
    return found


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


# ---------------------------------------------------------------------------
# Definitions

def _starts_with(word: str, letter: str) -> bool:
    """Does ``word`` start with ``letter``, also after a noun prefix (penggantian →
    ganti, for "Penggantian Uang (GU)")?"""
    if word.startswith(letter):
        return True
    for p in ("peng", "peny", "pem", "pen", "per", "pe", "ke"):
        if word.startswith(p) and len(word) > len(p) + 2:
            rest = word[len(p):]
            return rest.startswith(letter) or (_NASAL_BACK.get(p) == letter and rest[0] in "aeiou")
    return False


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
        if not _starts_with(words[i], letters[0]):
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


def _initials(letters: str, words: list[str], i: int, used: int = 0) -> bool:
    """Can ``letters`` be taken, in order, from the starts of ``words[i:]`` (two words
    or more contributing; function words may be skipped)?"""
    if not letters:
        return used >= 2
    if i >= len(words):
        return False
    w = words[i]
    if w in _FUNCTION_WORDS and _initials(letters, words, i + 1, used):
        return True
    for k in range(min(len(w), len(letters)), 0, -1):
        if w[:k] == letters[:k] and _initials(letters[k:], words, i + 1, used + 1):
            return True
    return False


def named_by_initials(acr: str, names: Iterable[str]) -> bool:
    """Is ``acr`` the initials of consecutive words of one of ``names`` (each word giving
    its first letter or first few letters; "dan", "serta" ... may be skipped)? "BPS" in
    "Badan Pusat Statistik Provinsi Bengkulu", "DPMPTSP" in "Dinas Penanaman Modal dan
    Pelayanan Terpadu Satu Pintu"."""
    letters = acr.lower()
    if not letters.isalpha() or len(letters) > 12:
        return False
    for name in names:
        words = [w.lower() for w in _NAME_WORD_RE.findall(name or "")][:30]
        for start, w in enumerate(words):
            if w[:1] == letters[0] and w not in _FUNCTION_WORDS \
                    and _initials(letters, words, start):
                return True
    return False
