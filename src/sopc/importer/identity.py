"""The identity page: labels in any of their printed variants, the value cell beside or
below each, the header block (instansi, satuan kerja, unit) and the list sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopc.core.text import hyphenator
from sopc.importer.layout import Line, Rules, Word, inside, join_lines, lines_of
from sopc.importer.pdfpage import Page
from sopc.importer.values import item_start, parse_nip

# key -> pattern over the label's words (lower case, one space)
LABELS: dict[str, re.Pattern] = {k: re.compile(v + r"\s*:?$") for k, v in {
    "nomor": r"^nomor sop( ap)?",
    "pembuatan": r"^(tanggal|tgl\.?) pembuatan",
    "revisi": r"^(tanggal|tgl\.?) revisi",
    "efektif": r"^(tanggal|tgl\.?) (efektif|pengesahan)",
    "disahkan": r"^disahkan oleh",
    "nama": r"^(nama|judul) sop",
    "dasar_hukum": r"^dasar hukum",
    "kualifikasi_pelaksana": r"^kualifikasi( pelaksana(an)?)?( sop)?",
    "keterkaitan": r"^keterkaitan( dengan sop( lain(nya)?)?| sop)?",
    "peralatan": r"^(peralatan ?(/|dan) ?perlengkapan|peralatan|perlengkapan)",
    "peringatan": r"^peringatan",
    "pencatatan": r"^(pencatatan ?(dan|/) ?pendataan( data)?|pencatatan|pendataan)",
}.items()}
RIGHT_KEYS = ("nomor", "pembuatan", "revisi", "efektif", "disahkan", "nama")
LIST_KEYS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")
_FIRST = {"nomor", "tanggal", "tgl.", "tgl", "disahkan", "nama", "judul", "dasar", "kualifikasi",
          "keterkaitan", "keterkaitan:", "peralatan", "peralatan/", "peralatan/perlengkapan",
          "peralatan/perlengkapan:", "peringatan", "peringatan:", "pencatatan", "pencatatan:",
          "perlengkapan", "perlengkapan:", "pendataan", "pendataan:", "peralatan:", "kualifikasi:"}


@dataclass
class Label:
    key: str
    words: list[Word]
    box: tuple[float, float, float, float]


@dataclass
class Identity:
    values: dict[str, str] = field(default_factory=dict)          # right-block keys -> text
    value_lines: dict[str, list[str]] = field(default_factory=dict)
    signer: dict[str, str] = field(default_factory=dict)          # jabatan, nama, nip, pangkat
    lists: dict[str, list[str]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)               # header block lines
    unsure: set[str] = field(default_factory=set)                 # keys to mark periksa
    bottom: float = 0.0                                           # lowest y of the identity grid
    right_x: float = 0.0                                          # where the right block starts

    @property
    def found(self) -> int:
        return len(self.values) + len(self.lists)


def _match(words: list[Word]) -> str | None:
    t = " ".join(w.text for w in words).lower()
    t = re.sub(r"\s*/\s*", "/", t)
    t = re.sub(r"\s*:\s*$", "", t).strip()
    for key, pat in LABELS.items():
        if pat.match(t.replace("/", " / ") if "peralatan" in t else t) or pat.match(t):
            return key
    return None


def find_labels(lines: list[Line], words: list[Word]) -> dict[str, Label]:
    found: dict[str, Label] = {}
    for ln in lines:
        ws = ln.words
        for i, w in enumerate(ws):
            if w.text.lower().rstrip(":") not in {f.rstrip(":") for f in _FIRST}:
                continue
            if i and w.x0 - ws[i - 1].x1 < 8:          # a label starts its cell
                continue
            for k in range(min(5, len(ws) - i), 0, -1):
                seq = ws[i:i + k]
                if any(b.x0 - a.x1 > 12 for a, b in zip(seq, seq[1:])):
                    continue
                if i + k < len(ws) and ws[i + k].x0 - seq[-1].x1 <= 8:
                    continue                    # a longer phrase: a label ends its line in its cell
                key = _match(seq)
                if key is None and k == 1:
                    below = _word_below(w, words)           # a label wrapped onto two lines
                    if below is not None:
                        key = _match([w, below])
                        if key:
                            seq = [w, below]
                if key and key not in found:
                    found[key] = Label(key, seq, (min(s.x0 for s in seq), min(s.top for s in seq),
                                                  max(s.x1 for s in seq), max(s.bottom for s in seq)))
                    break
                if key:
                    break
    return found


def _word_below(w: Word, words: list[Word]) -> Word | None:
    h = w.bottom - w.top
    best = None
    for o in words:
        if o.top > w.bottom - 0.2 * h and o.top - w.bottom < 0.8 * h and abs(o.x0 - w.x0) < 2 * h:
            if best is None or o.top < best.top:
                best = o
    return best


def _cell_words(words, box, exclude=()) -> list[Word]:
    ex = {id(w) for w in exclude}
    return [w for w in words if id(w) not in ex and inside(w, box, 0.5)]


def _value_cell(label: Label, rules: Rules, page: Page, words: list[Word]):
    """The cell right of a label's cell (past a separate ":" column), and the label's cell."""
    cx, cy = (label.box[0] + label.box[2]) / 2, (label.box[1] + label.box[3]) / 2
    own = cell = rules.cell_at(cx, cy, page)
    for _ in range(3):
        nxt = rules.cell_at(cell[2] + 1.5, cy, page)
        if nxt[2] <= cell[2] + 0.5:
            break
        ws = _cell_words(words, nxt)
        if ws and all(w.text == ":" for w in ws):
            cell = nxt
            continue
        return nxt, own
    return None, own


def _text_right(label: Label, words: list[Word], right: float) -> list[Word]:
    h = label.box[3] - label.box[1]
    return [w for w in words if w.x0 > label.box[2] and w.x1 <= right + 1
            and abs(w.cy - (label.box[1] + label.box[3]) / 2) < 0.8 * h]


def read_identity(page: Page, words: list[Word], rules: Rules) -> Identity:
    lines = lines_of(words)
    labels = find_labels(lines, words)
    ident = Identity()
    right_x = page.width
    block: list[tuple] = []
    for key in RIGHT_KEYS:
        lab = labels.get(key)
        if lab is None:
            continue
        vcell, lcell = _value_cell(lab, rules, page, words)
        block.append(lcell)
        right_x = min(right_x, lcell[0] if lcell[0] > 0 else lab.box[0])
        if key == "disahkan" and vcell:
            vcell = _signer_region(vcell, lcell, lab, labels)
        ws = _cell_words(words, vcell, lab.words) if vcell else _text_right(lab, words, page.width)
        if not vcell and lab.box[2] < page.width:
            ident.unsure.add(key)
        ws = [w for w in ws if w.text != ":" or w is not ws[0]]
        if key == "disahkan":
            _signer(ident, lines_of(ws))
        else:
            texts = [ln.text.lstrip(": ").strip() for ln in lines_of(ws)]
            ident.value_lines[key] = [t for t in texts if t]
            ident.values[key] = " ".join(texts).strip()
        ident.bottom = max(ident.bottom, vcell[3] if vcell else lab.box[3])
    for key in LIST_KEYS:
        lab = labels.get(key)
        if lab is None:
            continue
        cell = rules.cell_at((lab.box[0] + lab.box[2]) / 2, (lab.box[1] + lab.box[3]) / 2, page)
        ws = [w for w in _cell_words(words, cell, lab.words) if w.top > lab.box[1] - 1]
        items, sure = list_items(lines_of(ws), cell)
        ident.lists[key] = items
        if not sure:
            ident.unsure.add(key)
        ident.bottom = max(ident.bottom, cell[3])
    ident.right_x = right_x
    ident.header = _header_lines(page, words, labels, right_x, block)
    return ident


def _signer_region(vcell, lcell, lab: Label, labels: dict[str, Label]):
    """The signer's part of the value column: from the Disahkan row down to the next
    label of the right block (the name may sit in rows of its own below the jabatan,
    beside a merged or empty label cell)."""
    below = [l.box[1] for k, l in labels.items() if k in RIGHT_KEYS and l.box[1] > lab.box[3] + 1]
    bottom = max(vcell[3], lcell[3])
    if below:
        nxt = min(below)
        bottom = max(bottom, nxt - 2) if nxt - 2 > vcell[3] else vcell[3]
    return (vcell[0], vcell[1], vcell[2], bottom)


def _signer(ident: Identity, lines: list[Line]) -> None:
    nip = None
    rest: list[Line] = []
    for ln in lines:
        n = parse_nip(ln.text)
        if n is not None:
            nip = n
        elif re.match(r"^NIP\b", ln.text):
            ident.unsure.add("nip")
        else:
            rest.append(ln)
    if nip:
        ident.signer["nip"] = nip
    if not rest:
        return
    gaps = [(b.top - a.bottom, i) for i, (a, b) in enumerate(zip(rest, rest[1:]))]
    h = sorted(ln.bottom - ln.top for ln in rest)[len(rest) // 2]
    big = [g for g in gaps if g[0] > 1.2 * h]
    if big:
        cut = max(big)[1] + 1
        top, bottom = rest[:cut], rest[cut:]
    else:
        top, bottom = rest[:-1], rest[-1:]
        if len(rest) > 1:
            ident.unsure.add("disahkan_oleh")
    ident.signer["jabatan"] = " ".join(ln.text for ln in top)
    ident.signer["nama"] = bottom[0].text if bottom else ""
    if len(bottom) > 1:
        ident.signer["pangkat"] = " ".join(ln.text for ln in bottom[1:])


def list_items(lines: list[Line], cell) -> tuple[list[str], bool]:
    """Numbered or bulleted lines start items, other lines continue the item above.
    Without any marker, a line that ends short of the cell's right side ends its
    item (prose kept whole otherwise); such a guess is reported as unsure."""
    hy = hyphenator()
    texts = [ln.text.replace("(cid:9)", " ").strip() for ln in lines]
    texts = [t for t in texts if t]
    if not texts or all(t in ("-", "–") for t in texts):
        return [], True
    marks = [item_start(t) for t in texts]
    if any(m[0] for m in marks):
        items: list[list[str]] = []
        for (is_item, body) in marks:
            if is_item or not items:
                items.append([body])
            else:
                items[-1].append(body)
        return [join_lines(i, hy) for i in items if join_lines(i, hy)], True
    width = cell[2] - cell[0]
    items = [[texts[0]]]
    for prev, ln, t in zip(lines, lines[1:], texts[1:]):
        first = ln.words[0]
        short = prev.x1 + (first.x1 - first.x0) + 4 < cell[0] + width - 4
        if short:
            items.append([t])
        else:
            items[-1].append(t)
    return [join_lines(i, hy) for i in items], len(items) == 1 and len(texts) == 1


def _header_lines(page: Page, words, labels: dict[str, Label], right_x: float, block) -> list[str]:
    """Lines of the header block: everything left of the right block, between its top
    and the list sections (agency and unit may sit in cells of their own)."""
    if not block or right_x >= page.width:
        return []
    top = min(c[1] for c in block)
    bottom = max(c[3] for c in block)
    lists = [labels[k].box[1] for k in LIST_KEYS if k in labels and labels[k].box[1] > top]
    if lists:
        bottom = max(bottom, min(lists) - 2) if min(lists) - 2 > top else bottom
    box = (0.0, top - 1, right_x - 1, bottom)
    ws = [w for w in words if inside(w, box, 0.5)]
    return [ln.text for ln in lines_of(ws) if ln.text.strip()]
