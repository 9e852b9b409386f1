"""The word lists of the KJ rules (``_data/kata.yaml``) as lookup tables, and the
Indonesian verb forms built from them.

:func:`vocabulary` gives the built-in lists, extended by a repository's ``sopc.yaml``
(``kosakata: {kata_kerja: [...], kata_benda: [...]}``): read once, built once per
distinct extension, cached. :func:`vocab_for` takes a :class:`~sopc.core.model.Config`.

Verb forms:

* :meth:`Vocabulary.active_form` -- the active (``meN-``) form of a ``di-`` verb, for
  hints: Diperiksa → Memeriksa, Disahkan → Mengesahkan, Dicek → Mengecek. Known bases
  come from the list (their ``meN-`` form is written there); other words follow the
  nasal rules (mem-/men-/meng-/meny-/menge-/memper-); ``""`` where the rules are not
  sure (a one-syllable loan starting with two consonants: "diskors").
* :meth:`Vocabulary.verb_for_noun` -- the verb to write instead of a noun
  ("Penyusunan" → "menyusun", "Monitoring" → "memantau"), only when that verb is a
  form the lists know; ``""`` otherwise.
* :meth:`Vocabulary.is_di_noun` -- a word starting with "di" that is not a passive
  verb (Dinas, Diseminasi, Diskualifikasi).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from sopc.rules._lib import data

# Reasons (shared with textid)
OK_PREFIX = "prefix"        # me-/ber-/ter- verb
OK_BASE = "base"            # base or loan verb from the list
OK_IMPERATIVE = "imperative"  # ...-kan / per-...-i imperative
OK_PASSIVE = "passive"      # di- verb (a verb; KJ02 reports the passive voice)
OK_QUESTION = "question"    # "Apakah ...?" (a decision question)
SUBJECT = "subject"         # starts with a subject word (petugas, pemohon ...)
CONNECTIVE = "connective"   # Setelah, Jika, Apabila, Untuk ...
NOUN = "noun"               # Persetujuan, Pembayaran, Berkas ...
NOT_VERB = "not-verb"       # anything else

_VOWELS = frozenset("aeiou")
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
# loan nouns that begin with "di" end like these; a di- word ending so is a noun unless
# what follows "di" is a known base ("diverifikasi", "dikonfirmasi")
_DI_NOUN_ENDINGS = ("si", "tas", "sis", "sme")
_DICTIONARY = "kata-dasar.txt"


_DIPHTHONGS = frozenset(("ai", "au", "oi", "ei"))


def _syllables(word: str) -> int:
    """Syllables of an Indonesian word: one per vowel, a diphthong (ai, au, oi, ei)
    counting once ("buat" 2, "pakai" 2, "cek" 1); a final "y" counts as a vowel."""
    n, prev = 0, ""
    for i, ch in enumerate(word):
        vowel = ch in _VOWELS or (ch == "y" and i == len(word) - 1 and i > 0)
        if vowel and not (prev and prev + ch in _DIPHTHONGS):
            n += 1
        prev = ch if vowel else ""
    return n


def _one_word_me(form: str) -> bool:
    return bool(form) and " " not in form and form[:2] == "me"


class Vocabulary:
    """The lookup tables of one word list (built-in plus a repository's extension)."""

    def __init__(self, raw: dict, extra_verbs: Iterable[str] = (),
                 extra_nouns: Iterable[str] = ()):
        self.verbs: dict[str, str] = dict(raw["kata_kerja"])
        self.verbs2: dict[str, str] = dict(raw["kata_kerja_dua"])
        for w in extra_verbs:
            w = " ".join(w.lower().split())
            if w:
                (self.verbs2 if " " in w else self.verbs).setdefault(w, "")
        self.loan_nouns: dict[str, str] = dict(raw["kata_benda_pinjaman"])
        user_nouns = frozenset(w.strip().lower() for w in extra_nouns)
        self.not_verbs = frozenset(raw["bukan_kata_kerja"]) | frozenset(self.loan_nouns) | user_nouns
        self.subjects = frozenset(raw["subjek"])
        self.connectives = frozenset(raw["penghubung"])
        self.checking = frozenset(raw["kata_kerja_pemeriksa"])
        self.object_nouns = frozenset(raw["objek_pe_an"])
        self.process_heads = frozenset(raw["kepala_proses"])
        self.attributive_di = frozenset(raw["keterangan_di"])
        self.irregular: dict[str, str] = dict(raw["bentuk_aktif_khusus"])
        lookup: dict[str, str] = {}
        # lowest priority first; later tables win; a repository's own nouns win last
        for words, reason in ((self.not_verbs, NOUN), (self.subjects, SUBJECT),
                              (self.connectives, CONNECTIVE), (self.verbs, OK_BASE),
                              (user_nouns, NOUN)):
            for w in words:
                lookup[w] = reason
        lookup["apakah"] = OK_QUESTION
        self.lookup = lookup
        self.two_first = frozenset(v.split(" ", 1)[0] for v in self.verbs2)
        forms = {v for v in self.verbs.values() if _one_word_me(v)}
        forms |= {v for v in self.loan_nouns.values() if _one_word_me(v)}
        forms |= set(self.irregular.values())
        forms |= {w for w in self.checking if w[:2] == "me"}
        self.known_forms = frozenset(forms)

    # -- classification helpers ---------------------------------------------------

    def is_di_noun(self, word: str) -> bool:
        """Is ``word`` (lowercase, starting with "di") a noun rather than a passive verb?
        Listed nouns (Dinas, Diklat, Disposisi, Diseminasi) and loan nouns ending in
        -si/-tas/-sis whose remainder after "di" is no base and no dictionary root
        (Diskualifikasi, Diversifikasi) are nouns; "diverifikasi" and "dieskalasi"
        (verifikasi, eskalasi are roots) are verbs."""
        if word in self.not_verbs or word in self.connectives or word in self.subjects:
            return True
        if word[:3] == "dis" and len(word) > 4 and word[3] in "dnhbgjlmrfvz":
            return True                       # Disdukcapil, Disnaker, Dishub: agencies
        stem = word[2:].lstrip("-")
        if stem in self.verbs or stem in self.loan_nouns or stem in self.irregular:
            return False
        if not word.endswith(_DI_NOUN_ENDINGS):
            return False
        # a root after "di": a passive ("dieskalasi", "diakreditasi"; "diawasi" = awas + i);
        # no root: the "di" belongs to a loan noun ("diseminasi", "diskualifikasi")
        return not (data.in_word_list(_DICTIONARY, stem)
                    or (stem.endswith("i") and data.in_word_list(_DICTIONARY, stem[:-1])))

    # -- verb forms ----------------------------------------------------------------

    def active_form(self, passive_word: str) -> str:
        """Active (``meN-``) form of a ``di-`` verb, capitalised, or ``""`` when unsure."""
        w = passive_word.lower().replace("-", "")
        if not w.startswith("di") or len(w) < 4:
            return ""
        base = w[2:]
        if self.is_di_noun(w):
            return ""
        out = self._known_active(base) or _derive(base)
        return out[:1].upper() + out[1:] if out and out != "-" else ""

    def _known_active(self, base: str) -> str:
        form = self.irregular.get(base) or self.verbs.get(base) or self.loan_nouns.get(base)
        if form:
            # a phrase ("mengirim surel" for email) is no form of this word: unsure
            return form if _one_word_me(form) else "-"
        for suffix in ("kan", "i"):          # "dicatatkan": catat → mencatat + kan
            if base.endswith(suffix) and len(base) > len(suffix) + 2:
                form = self.verbs.get(base[:-len(suffix)])
                if form and _one_word_me(form) and not form.endswith(("kan", "i")):
                    return form + suffix
        return ""

    def verb_for_noun(self, noun: str) -> str:
        """A verb to write instead of ``noun``, only if the lists know it; else ``""``."""
        w = noun.lower()
        form = self.loan_nouns.get(w)
        if form:
            return form
        if len(w) > 6 and w[:2] == "pe" and w.endswith("an"):
            core = w[2:-2]                    # penyusunan → nyusun, pengiriman → ngirim
            for suffix in ("", "kan", "i"):
                cand = "me" + core + suffix
                if cand in self.known_forms:
                    return cand
        return ""


def _derive(base: str) -> str:
    """meN- + ``base`` by the nasal rules; ``""`` when the rules are not sure."""
    if not base.isalpha():
        return ""
    stem = base
    if stem.endswith("kan") and len(stem) >= 6:
        stem = stem[:-3]                      # sahkan → sah
    cluster = len(base) > 1 and base[0] not in _VOWELS and base[1] not in _VOWELS
    if _syllables(stem) == 1:
        # one-syllable roots take menge- (cek → mengecek, sahkan → mengesahkan); a
        # one-syllable loan with a cluster varies (menskors, mengeklik): unsure
        return "" if cluster else "menge" + base
    if base.startswith("per") and len(base) > 4 and base[3] not in _VOWELS:
        return "memper" + base[3:]            # perbaiki → memperbaiki
    prefix, drops = _NASAL.get(base[0], ("me", False))
    if cluster:
        drops = False                         # proses → memproses, klarifikasi
        if prefix == "meny":
            prefix = "men"                    # stabilkan → menstabilkan
    return prefix + (base[1:] if drops else base)


@lru_cache(maxsize=32)
def vocabulary(extra_verbs: tuple[str, ...] = (), extra_nouns: tuple[str, ...] = ()) -> Vocabulary:
    """The built-in word lists plus ``extra_verbs`` and ``extra_nouns`` (cached)."""
    return Vocabulary(data.load("kata.yaml"), extra_verbs, extra_nouns)


def vocab_for(config) -> Vocabulary:
    """The word lists for a repository: built-in plus ``kosakata`` of its sopc.yaml."""
    kos = getattr(config, "kosakata", None) or {}
    return vocabulary(tuple(kos.get("kata_kerja", ()) or ()),
                      tuple(kos.get("kata_benda", ()) or ()))
