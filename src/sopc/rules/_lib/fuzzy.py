"""Small, fast fuzzy matching: did-you-mean suggestions and near-duplicate labels.

Public API:

- :func:`levenshtein` ``(a, b, max_dist=None) -> int``: edit distance with early exit
  (returns ``max_dist + 1`` as soon as the distance is known to exceed ``max_dist``).
- :func:`similarity` ``(a, b) -> float``: 0..1, case- and space-insensitive.
- :func:`nearest` ``(text, candidates, cutoff=0.6) -> str | None``: the most similar
  candidate (as written), or None.
- :func:`squash` ``(text) -> str``: a comparison key that ignores case, spaces,
  punctuation and doubled letters ("Sub Bagian" == "Subbagian", "Kasubbag" == "Kasubag").
- :func:`near_duplicates` ``(labels) -> dict[str, list[str]]``: for each label, the other
  labels that differ only slightly (see :func:`is_near_duplicate`); computed with
  blocking, not over all pairs, so it stays cheap for hundreds of labels.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import Iterable

from sopc.core.text import fold

__all__ = [
    "levenshtein", "similarity", "nearest", "squash", "is_near_duplicate",
    "near_duplicates",
]

_NON_ALNUM = re.compile(r"[\W_]+")
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W_]+")
_ROMAN = re.compile(r"^[ivxlcdm]+$")


def levenshtein(a: str, b: str, max_dist: int | None = None) -> int:
    """Edit distance (insert, delete, substitute). With ``max_dist``, stops early and
    returns ``max_dist + 1`` once the distance must exceed it."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if la < lb:
        a, b, la, lb = b, a, lb, la
    if max_dist is not None and la - lb > max_dist:
        return max_dist + 1
    if lb == 0:
        return la
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        ca = a[i - 1]
        cur = [i] + [0] * lb
        row_min = i
        for j in range(1, lb + 1):
            cost = 0 if ca == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            cur[j] = v
            if v < row_min:
                row_min = v
        if max_dist is not None and row_min > max_dist:
            return max_dist + 1
        prev = cur
    return prev[lb]


def similarity(a: str, b: str) -> float:
    """Similarity ratio 0..1 of two texts, ignoring case and repeated spaces."""
    return difflib.SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


def nearest(text: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most similar to ``text`` (ignoring case and spaces), or None if
    none reaches ``cutoff``. Uses difflib's cheap upper bounds before the full ratio."""
    key = fold(text)
    if not key:
        return None
    sm = difflib.SequenceMatcher(autojunk=False)
    sm.set_seq2(key)
    best: str | None = None
    best_score = cutoff
    seen: set[str] = set()
    for cand in candidates:
        c = fold(cand)
        if not c or c in seen:
            continue
        seen.add(c)
        sm.set_seq1(c)
        if sm.real_quick_ratio() < best_score or sm.quick_ratio() < best_score:
            continue
        r = sm.ratio()
        if r > best_score or (r == best_score and best is None):
            best, best_score = cand, r
    return best


def squash(text: str) -> str:
    """Key ignoring case, spaces, punctuation and doubled letters."""
    return _DOUBLE.sub(r"\1", _NON_ALNUM.sub("", str(text).casefold()))


def _tokens(text: str) -> list[str]:
    return _WORD.findall(str(text).casefold())


def _is_marker(tok: str) -> bool:
    """Tokens that tell roles apart on purpose: numbers, roman numerals, single letters
    ("Kepala Seksi I" / "Kepala Seksi II", "Staf A" / "Staf B")."""
    return tok.isdigit() or len(tok) == 1 or bool(_ROMAN.match(tok))


def _markers(tokens: list[str]) -> tuple[str, ...]:
    return tuple(sorted(t for t in tokens if _is_marker(t)))


def _close_tokens(x: str, y: str) -> bool:
    x, y = _DOUBLE.sub(r"\1", x), _DOUBLE.sub(r"\1", y)
    if x == y:
        return True
    m = max(len(x), len(y))
    d = levenshtein(x, y, 2)
    return d <= 2 and d <= 0.25 * m


def is_near_duplicate(a: str, b: str) -> bool:
    """True when two different labels very probably mean the same actor: equal ignoring
    case, spaces, punctuation and doubled letters ("Kasubbag Umum" / "Kasubag Umum",
    "Sub Bagian Umum" / "Subbagian Umum"), or the same words except one that differs by
    at most two edits and at most a quarter of its length ("Petugas Layanan" / "Petugas
    Pelayanan", "Sekretaris" / "Sekertaris"). Labels whose numbers, roman numerals or
    single letters differ ("Kepala Seksi I" / "Kepala Seksi II") are never duplicates."""
    if a == b:
        return False
    ta, tb = _tokens(a), _tokens(b)
    if _markers(ta) != _markers(tb):
        return False
    if squash(a) == squash(b):
        return True
    if len(ta) != len(tb) or not ta:
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    return _close_tokens(x, y)


def near_duplicates(labels: Iterable[str]) -> dict[str, list[str]]:
    """Map each label (as given, spaces normalised by the caller) to the sorted list of
    other labels that are near duplicates of it. Only labels with at least one near
    duplicate appear. Candidates are found by blocking (same squashed key, or the same
    words with one position masked), so the cost is about linear in the labels."""
    uniq = sorted({str(x) for x in labels if str(x).strip()})
    by_key: dict[str, list[str]] = defaultdict(list)
    by_mask: dict[tuple, list[str]] = defaultdict(list)
    toks: dict[str, list[str]] = {}
    for lab in uniq:
        by_key[squash(lab)].append(lab)
        t = _tokens(lab)
        toks[lab] = t
        for i in range(len(t)):
            by_mask[(len(t), i, tuple(t[:i]), tuple(t[i + 1:]))].append(lab)
    out: dict[str, set[str]] = defaultdict(set)

    def consider(group: list[str]) -> None:
        if len(group) < 2 or len(group) > 200:  # a huge block is noise, not typos
            return
        for i, x in enumerate(group):
            for y in group[i + 1:]:
                if is_near_duplicate(x, y):
                    out[x].add(y)
                    out[y].add(x)

    for group in by_key.values():
        consider(group)
    for group in by_mask.values():
        consider(group)
    return {k: sorted(v) for k, v in out.items()}
