"""YAML text → node tree with positions, every scalar a string.

A ``CSafeLoader`` subclass (pure ``SafeLoader`` when libyaml is missing) composes the
node graph only: no constructor runs, so YAML 1.1 surprises (``no`` → False,
``10:30`` → 630, ``012`` → 10, implicit dates) never happen; the resolver is replaced
by one that tags every plain scalar as a string. Guards: file size, expanded node
count (alias bombs) and nesting depth are checked before any consumer walks the graph
(E007); syntax errors become E001 with a hint for the common mistakes.
"""

from __future__ import annotations

import re

import yaml

from sopc.core.diagnostics import Message, Pos, msg

try:  # libyaml
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure Python fallback
    _Base = yaml.SafeLoader

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 50
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(_Base):
    """Composes nodes; every node is tagged str/seq/map regardless of content."""

    def resolve(self, kind, value, implicit):  # noqa: D401 - PyYAML hook
        # called for every node from libyaml; sopc never reads tags (kinds are told by
        # node class), so one constant keeps this hot call as cheap as possible
        return _STR

    def descend_resolver(self, current_node, current_index):  # no path resolvers: skip the work
        return None

    def ascend_resolver(self):
        return None


# libyaml composes recursively and crashes the interpreter on absurd nesting
# (100,000 "[" segfault), so depth is refused from the text before composing:
# a block level needs at least one more prefix character, a flow level one bracket.
_DEEP_BLOCK = re.compile(r"^[ \t?:-]{%d,}" % (2 * MAX_DEPTH), re.M)
_BRACKETS = re.compile(r"[\[\]{}]")


def _too_deep(text: str) -> int | None:
    """Offset where nesting gets absurd, or None."""
    m = _DEEP_BLOCK.search(text)
    if m:
        return m.start()
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif depth:
            depth -= 1
    return None


def _pos_at(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    return Pos(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


class SourceError(Exception):
    """A problem that stops reading one file: ``code`` is E001 or E007."""

    def __init__(self, code: str, pos: Pos, message: Message):
        super().__init__(message.en)
        self.code = code
        self.pos = pos
        self.message = message


def pos_of(node) -> Pos:
    m = node.start_mark
    return Pos(m.line + 1, m.column + 1)


def is_plain(node) -> bool:
    """A plain (unquoted, non-block) scalar. libyaml reports plain style as '' and the
    pure-Python loader as None."""
    return not node.style


def is_null(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in NULL_VALUES


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped); invalid bytes → E001 at their position."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            "E001",
            Pos(line, col),
            msg(
                f"berkas bukan teks UTF-8 yang sah (bita 0x{data[exc.start]:02x}); simpan ulang sebagai UTF-8",
                f"file is not valid UTF-8 text (byte 0x{data[exc.start]:02x}); save it again as UTF-8",
            ),
        ) from None


def compose(data: bytes | str):
    """Return the root node (or None for an empty document). Raises SourceError."""
    size = len(data)
    if size > MAX_BYTES:
        raise SourceError(
            "E007", Pos(1, 1),
            msg(f"berkas terlalu besar ({size // 1024} KB; batas {MAX_BYTES // (1024 * 1024)} MB)",
                f"file too large ({size // 1024} KB; limit {MAX_BYTES // (1024 * 1024)} MB)"),
        )
    text = decode(data) if isinstance(data, bytes) else data
    deep = _too_deep(text)
    if deep is not None:
        raise SourceError("E007", _pos_at(text, deep),
                          msg(f"struktur bersarang lebih dari {MAX_DEPTH} tingkat",
                              f"nesting deeper than {MAX_DEPTH} levels"))
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise SourceError("E001", Pos(1, 1), msg(f"YAML tidak sah: {exc}", f"invalid YAML: {exc}")) from None
    except RecursionError:
        raise SourceError("E007", Pos(1, 1), msg("struktur bersarang terlalu dalam",
                                                  "nesting too deep")) from None
    finally:
        loader.dispose()
    if root is not None and "&" in text:   # aliases need anchors
        _check_size(root)
    return root


def _check_size(root) -> None:
    """Guard against alias bombs and absurd nesting before anything walks the graph.

    Sizes are memoised per node, so the check is linear in the *unique* nodes however
    far aliases would expand. A file of many plain nodes (a 10,000-activity SOP) is only
    bounded by the file size; what is refused is expansion *through aliases* beyond
    MAX_NODES extra nodes, recursion through an alias, and depth beyond MAX_DEPTH.
    """
    sizes: dict[int, int] = {}
    nodes: dict[int, object] = {}
    active: set[int] = set()

    def walk(node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise SourceError("E007", pos_of(node),
                              msg(f"struktur bersarang lebih dari {MAX_DEPTH} tingkat",
                                  f"nesting deeper than {MAX_DEPTH} levels"))
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise SourceError("E007", pos_of(node),
                              msg("alias merujuk ke dirinya sendiri (rekursif)",
                                  "an alias refers to itself (recursive)"))
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            return 1
        active.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += walk(k, depth + 1) + walk(v, depth + 1)
        else:
            for v in node.value:
                total += walk(v, depth + 1)
        active.discard(key)
        sizes[key] = total
        nodes[key] = node
        return total

    expanded = walk(root, 0)
    if expanded - len(sizes) > MAX_NODES:
        # point at the smallest collection that already expands beyond the limit
        key = min((k for k, n in sizes.items() if n > MAX_NODES and k in nodes), key=lambda k: sizes[k])
        where = pos_of(nodes[key])
        raise SourceError("E007", where,
                          msg(f"alias (*nama) mengembangkan dokumen menjadi {expanded:,} simpul; batas tambahan "
                              f"dari alias {MAX_NODES:,} (bom alias?)".replace(",", "."),
                              f"aliases (*name) expand the document to {expanded:,} nodes; the limit for alias "
                              f"expansion is {MAX_NODES:,} extra nodes (alias bomb?)"))


_HINTS: list[tuple[re.Pattern[str], Message]] = [
    (re.compile(r"found character '\\t'|tab", re.I),
     msg("YAML tidak menerima karakter tab untuk indentasi; gunakan spasi",
         "YAML does not accept tab characters for indentation; use spaces")),
    (re.compile(r"mapping values are not allowed", re.I),
     msg("ada titik dua (:) di dalam teks; beri tanda kutip pada nilai itu, misalnya \"Pukul 10:30\"",
         "a colon (:) inside a text; quote that value, e.g. \"At 10:30\"")),
    (re.compile(r"expected ',' or '\]'|expected ',' or '}'|did not find expected ',' or", re.I),
     msg("daftar [a, b, c] rusak: bila satu butir berisi koma atau titik dua, beri tanda kutip "
         "atau tulis daftar satu butir per baris dengan \"- \"",
         "broken flow list [a, b, c]: quote an item that contains a comma or colon, or write "
         "one item per line with \"- \"")),
    (re.compile(r"found undefined alias", re.I),
     msg("alias (*nama) dipakai tanpa jangkar (&nama)", "alias (*name) used without an anchor (&name)")),
    (re.compile(r"found unexpected end of stream|while scanning a quoted scalar", re.I),
     msg("tanda kutip tidak ditutup", "an unclosed quote")),
    (re.compile(r"did not find expected key|did not find expected '-' indicator|"
                r"expected <block end>", re.I),
     msg("indentasi tidak konsisten: periksa spasi di awal baris ini dan baris sebelumnya",
         "inconsistent indentation: check the leading spaces of this line and the one before")),
    (re.compile(r"found character.*cannot start any token", re.I),
     msg("karakter ini tidak boleh mengawali nilai (misalnya @ atau `); beri tanda kutip pada nilai itu",
         "this character cannot start a value (e.g. @ or `); quote the value")),
    (re.compile(r"special characters are not allowed|control characters", re.I),
     msg("berkas berisi karakter kendali yang tidak diizinkan", "file contains forbidden control characters")),
    (re.compile(r"did not find expected node content", re.I),
     msg("nilai tidak lengkap: ada kurung [ atau { yang tidak ditutup, atau butir tanpa isi",
         "an incomplete value: a [ or { that is not closed, or an item without content")),
    (re.compile(r"could not find expected ':'", re.I),
     msg("baris ini bukan pasangan \"kunci: nilai\": tambahkan titik dua setelah kunci, atau bila teks ini "
         "lanjutan baris sebelumnya, beri indentasi lebih dalam",
         "this line is not a \"key: value\" pair: add a colon after the key or, if the text continues "
         "the line before, indent it further")),
    (re.compile(r"unknown escape character", re.I),
     msg("garis miring terbalik (\\) di dalam tanda kutip ganda memulai kode escape; gunakan tanda kutip "
         "tunggal atau tulis \\\\",
         "a backslash (\\) inside double quotes starts an escape code; use single quotes or write \\\\")),
    (re.compile(r"scanning an (?:anchor|alias)", re.I),
     msg("& atau * di awal nilai dibaca sebagai jangkar atau alias YAML; beri tanda kutip pada nilai itu",
         "& or * at the start of a value is read as a YAML anchor or alias; quote the value")),
    (re.compile(r"directive", re.I),
     msg("% di awal baris dibaca sebagai direktif YAML; beri tanda kutip pada nilai itu",
         "% at the start of a line is read as a YAML directive; quote the value")),
    (re.compile(r"scanning a block scalar", re.I),
     msg("setelah | atau > hanya boleh ada penanda (-, + atau angka); tulis teksnya mulai baris berikutnya",
         "after | or > only indicators (-, + or a digit) may follow; start the text on the next line")),
    (re.compile(r"expected a single document|another document", re.I),
     msg("berkas berisi lebih dari satu dokumen YAML (---); satu berkas untuk satu SOP",
         "the file holds more than one YAML document (---); one file per SOP")),
]


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> SourceError:
    mark = exc.problem_mark or exc.context_mark
    pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos(1, 1)
    problem = (exc.problem or "") + " " + (exc.context or "")
    hint = None
    # a tab in the offending line is the usual cause of many scanner messages
    line_text = text.splitlines()[pos.line - 1] if 0 < pos.line <= len(text.splitlines()) else ""
    if "\t" in line_text[: max(pos.col, 1)] or "'\\t'" in problem:
        hint = _HINTS[0][1]
    else:
        for pat, h in _HINTS:
            if pat.search(problem):
                hint = h
                break
    detail = problem.strip() or "syntax error"
    if hint is None:
        return SourceError("E001", pos, msg(f"YAML tidak sah: {detail}", f"invalid YAML: {detail}"))
    return SourceError("E001", pos, msg(f"YAML tidak sah: {hint.id} ({detail})",
                                        f"invalid YAML: {hint.en} ({detail})"))
