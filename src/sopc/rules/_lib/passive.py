"""Passive main clauses in activity text (KJ02, and KJ01's noun-phrase test).

An uraian is split into clauses at commas, semicolons, "?", sentence ends and the
coordinators dan/serta/lalu/kemudian/selanjutnya. A clause is passive when its first
verb is a ``di-`` verb: "Surat dikirim ...", "Membuat surat, diajukan ke ...",
"..., kemudian diteruskan ...", "Berkas yang tidak lengkap dikembalikan ...". Not
passive:

* clauses opened by a subordinator (yang, untuk, agar, sejak, setelah, sebelum, jika,
  apabila, bila, karena, sehingga ...): "Mengirim berkas untuk ditandatangani",
  "Menandatangani kontrak paling lambat 14 hari sejak SPPBJ diterbitkan";
* the verb of a relative clause right after "yang" ("surat yang diajukan");
* clauses whose first verb is active (me-/ber-/-kan): "Menerima berkas yang ...";
* ``di-`` words that describe a thing (", dilengkapi ...", ", disertai ..."), nouns
  (Dinas, Diklat, Distribusi) and capitalised names inside a clause (Disdukcapil).

Cost: one regex split and a word loop per uraian that holds "di"; no tables per call.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sopc.rules._lib.vocab import Vocabulary

# clause boundaries; "." only after a word of four letters or more ("Jl." is no end)
_SPLIT_RE = re.compile(
    r"[,;?]|(?<=[A-Za-z]{4})\.(?=\s)|\b(?:dan|serta|lalu|kemudian|selanjutnya)\b", re.IGNORECASE)
# a word starting with "di" and three more letters: nothing to do without one
_DI_WORD_RE = re.compile(r"(?<![A-Za-z])[Dd][Ii][A-Za-z]{3}")
# a word of prose: after a space, the start or an opening quote/bracket (not glued to
# symbols, as in a template "%}dievaluasi{%" or a code)
_TOKEN_RE = re.compile(r"(?<![^\s\"'(\[“‘])[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_SUBORDINATORS = frozenset(
    "yang untuk agar supaya guna sejak setelah sesudah sebelum jika apabila bila bilamana "
    "kalau jikalau karena sehingga sampai hingga ketika saat sewaktu selama apakah bahwa "
    "sebagaimana seperti sesuai".split())
_ASPECT = frozenset("telah sudah belum tidak akan sedang masih pernah dapat harus perlu "
                    "wajib bisa".split())


def _is_active(w: str, v: Vocabulary) -> bool:
    """An active verb form that makes a clause active: me-/ber- prefixed (not a listed
    noun) or an imperative -kan form."""
    if w in v.not_verbs or w in v.connectives or w in v.subjects:
        return False
    if len(w) >= 5 and (w[:2] == "me" or w[:3] == "ber"):
        return True
    return len(w) >= 6 and w.endswith("kan") and w[:2] not in ("pe", "ke", "di")


def _passive_word(tok: str, first: bool, v: Vocabulary) -> bool:
    w = tok.lower()
    if w[:2] != "di" or len(w) < 5 or v.is_di_noun(w):
        return False
    if not first and tok[0].isupper():
        return False                      # a name inside a clause: "Disdukcapil"
    return w.replace("-", "").replace("'", "").isalpha()


def _clause(tokens: list[str], v: Vocabulary, later: bool, sentence: bool) -> str:
    """The passive main verb of one clause (as written), or ``""``. ``later``: not the
    first clause (where ", dilengkapi ..." describes the thing just named);
    ``sentence``: the clause starts a sentence, so its first word may be capitalised
    (after a comma or "dan", a capitalised "Distanbun" is a name)."""
    if not tokens or tokens[0].lower() in _SUBORDINATORS:
        return ""
    if later and tokens[0].lower() in v.attributive_di:
        return ""
    in_yang = False
    for i, tok in enumerate(tokens):
        w = tok.lower()
        if w == "yang":
            in_yang = True
            continue
        if in_yang and w in _ASPECT:
            continue
        if _passive_word(tok, i == 0 and sentence, v):
            if in_yang:                   # "surat yang (telah) diajukan": relative verb
                in_yang = False
                continue
            return tok
        if _is_active(w, v):
            if in_yang:
                in_yang = False
                continue
            return ""
        if w in _SUBORDINATORS and i > 0:
            return ""                     # the rest belongs to a subordinate clause
        in_yang = False                   # "yang tidak lengkap": an adjective clause
    return ""


@lru_cache(maxsize=8192)
def _scan(text: str, v: Vocabulary) -> tuple[str, int]:
    # only clauses that hold a di- word candidate are tokenised
    cands = [m.start() for m in _DI_WORD_RE.finditer(text)]
    start, sentence, k = 0, True, 0
    for n, m in enumerate([*_SPLIT_RE.finditer(text), None]):
        end = m.start() if m else len(text)
        while k < len(cands) and cands[k] < start:
            k += 1
        if k < len(cands) and cands[k] < end:
            first = _TOKEN_RE.search(text, start, end)
            # a clause opened by an active verb is active: no need to read it all
            if first is not None and not _is_active(first.group().lower(), v):
                word = _clause(_TOKEN_RE.findall(text, start, end), v, n > 0, sentence)
                if word:
                    return word, n
        elif k >= len(cands):
            break
        if m is not None:
            start, sentence = m.end(), m.group() in (".", "?")
    return "", -1


def passive_scan(text: str, v: Vocabulary) -> tuple[str, int]:
    """:func:`passive_verb` for a ``str`` already known to hold "di" somewhere."""
    if _DI_WORD_RE.search(text) is None:
        return "", -1
    return _scan(text, v)


def passive_verb(text: str, v: Vocabulary) -> tuple[str, int]:
    """(the first passive main verb as written, index of its clause: 0 = the first) or
    ``("", -1)``."""
    t = str(text)
    if ("di" not in t and "Di" not in t and "DI" not in t) or _DI_WORD_RE.search(t) is None:
        return "", -1
    return _scan(t, v)
