"""The rules' word lists and tables: YAML files in ``sopc/rules/_data/``, read once, on
first use, and cached for the process.

The files keep to a small subset of YAML (block mappings and block sequences of
scalars, ``#`` comments, plain or quoted scalars), read here by a line parser: PyYAML's
loader took about 10 ms for the word list, which a one-file ``sopc lint`` (about
150 ms with interpreter start-up) would feel; this parser takes under 1 ms.
``tests/test_rule_data.py`` checks that PyYAML reads every file to the same values, so
the files stay real YAML.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "_data"


class DataError(ValueError):
    """A data file left the supported YAML subset."""


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed ``_data/<name>`` (cached: one read per process)."""
    return parse((DATA_DIR / name).read_text("utf-8"), name)


@lru_cache(maxsize=None)
def _word_text(name: str) -> str:
    text = (DATA_DIR / name).read_text("utf-8")
    return "\n" + text if text.endswith("\n") else "\n" + text + "\n"


_WORD_MEMO: dict[tuple[str, str], bool] = {}


def in_word_list(name: str, word: str) -> bool:
    """Is ``word`` a line of the plain word list ``_data/<name>`` (one word per line)?

    The file is kept as one string and searched (memoised per word): splitting 30,000
    words into a set took 10-40 ms on a cold interpreter, a search takes microseconds,
    and a run asks about a few hundred distinct words at most."""
    key = (name, word)
    got = _WORD_MEMO.get(key)
    if got is None:
        got = f"\n{word}\n" in _word_text(name)
        if len(_WORD_MEMO) < 50000:
            _WORD_MEMO[key] = got
    return got


def _strip_comment(line: str) -> str:
    if "#" not in line:
        return line.rstrip()
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


_SPECIAL = frozenset("'\"{[&*!|>@`%")


def _scalar(text: str, where: str) -> str:
    t = text.strip()
    if not t or t[0] not in _SPECIAL:
        return t
    if len(t) >= 2 and t[0] == t[-1] == "'":
        return t[1:-1].replace("''", "'")
    if len(t) >= 2 and t[0] == t[-1] == '"':
        inner = t[1:-1]
        if "\\" in inner:
            raise DataError(f"{where}: escapes in double quotes are not supported")
        return inner
    raise DataError(f"{where}: unsupported YAML: {t!r}")
    return t


def _split_key(body: str, where: str) -> tuple[str, str | None]:
    """``key: value`` → (key, value); ``key:`` → (key, None)."""
    key, sep, value = body.partition(": ")
    if not sep:
        if body.endswith(":"):
            return _scalar(body[:-1], where), None
        raise DataError(f"{where}: expected 'key: value'")
    return _scalar(key, where), _scalar(value, where)


def parse(text: str, name: str = "<data>") -> dict[str, Any]:
    """Parse the supported YAML subset: nested block mappings whose leaves are strings
    or block sequences of strings. Values stay strings (callers convert numbers)."""
    root: dict[str, Any] = {}
    # stack of (indent, container); a None container is a key waiting for its value
    stack: list[tuple[int, Any]] = [(0, root)]
    pending: tuple[dict, str] | None = None      # (parent mapping, key) opened by "key:"
    for no, raw in enumerate(text.split("\n"), 1):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        where = f"{name}:{no}"
        indent = len(line) - len(line.lstrip(" "))
        if "\t" in line[:indent + 1]:
            raise DataError(f"{where}: tab in indentation")
        body = line[indent:]
        if pending is not None:
            parent, key = pending
            pending = None
            container: Any = [] if body.startswith("- ") or body == "-" else {}
            if indent <= stack[-1][0]:
                raise DataError(f"{where}: '{key}' has no value")
            parent[key] = container
            stack.append((indent, container))
        while indent < stack[-1][0]:
            stack.pop()
        top_indent, top = stack[-1]
        if indent != top_indent:
            raise DataError(f"{where}: unexpected indentation")
        if body.startswith("- ") or body == "-":
            if not isinstance(top, list):
                raise DataError(f"{where}: a list item where a mapping was expected")
            top.append(_scalar(body[2:], where))
            continue
        if not isinstance(top, dict):
            raise DataError(f"{where}: a mapping entry inside a list")
        key, value = _split_key(body, where)
        if key in top:
            raise DataError(f"{where}: duplicate key {key!r}")
        if value is None:
            pending = (top, key)
            top[key] = None
        else:
            top[key] = value
    return root
