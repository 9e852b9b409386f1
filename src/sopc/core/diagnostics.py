"""One Diagnostic type for every problem sopc reports, from a YAML syntax error to a
principle rule, and the Report that owns the exit code.

Messages are bilingual: a rule builds a :class:`Message` with the Indonesian text
first and the English text second; the formatter picks the language at output time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Iterable, NamedTuple


class Level(IntEnum):
    OFF = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Level":
        """Parse a level name (``error``, ``warning``, ``info``, ``off``); raises
        ``ValueError`` on anything else. Indonesian aliases are accepted."""
        t = str(text).strip().lower()
        aliases = {
            "error": cls.ERROR, "galat": cls.ERROR, "kesalahan": cls.ERROR,
            "warning": cls.WARNING, "peringatan": cls.WARNING, "warn": cls.WARNING,
            "info": cls.INFO, "informasi": cls.INFO,
            "off": cls.OFF, "mati": cls.OFF, "nonaktif": cls.OFF,
        }
        if t not in aliases:
            raise ValueError(text)
        return aliases[t]


class Pos(NamedTuple):
    """A 1-based line and column in a source file (a tuple: cheap to make, and every
    loaded SOP makes hundreds)."""

    line: int = 1
    col: int = 1


@dataclass(frozen=True, slots=True)
class Message:
    """A user-facing text in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str

    def text(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id


def msg(id: str, en: str) -> Message:  # noqa: A002 - "id" is the language code
    """Build a bilingual message. Indonesian first, always both."""
    return Message(id, en)


@dataclass(slots=True)
class Diagnostic:
    """One finding.

    ``code``/``name``/``level`` are stamped by the engine from the rule registry and the
    configuration; a rule only says where and what. ``related`` holds extra positions
    (e.g. the first occurrence of a duplicate key). ``key`` is a stable content key used
    by the baseline (code + file + content, not the line number).
    """

    path: str
    pos: Pos
    message: Message
    code: str = ""
    name: str = ""
    level: Level = Level.ERROR
    related: tuple[Pos, ...] = ()
    key: str = ""
    activity: int | None = None  # 1-based activity number the finding belongs to

    @property
    def line(self) -> int:
        return self.pos.line

    @property
    def column(self) -> int:
        return self.pos.col

    def text(self, lang: str = "id") -> str:
        return self.message.text(lang)

    def sort_key(self):
        return (self.path, self.pos.line, self.pos.col, self.code)

    def as_dict(self, lang: str = "id") -> dict:
        return {
            "path": self.path,
            "line": self.pos.line,
            "column": self.pos.col,
            "code": self.code,
            "name": self.name,
            "level": self.level.label,
            "message": self.text(lang),
        }


@dataclass
class Report:
    """Collects diagnostics and owns the exit code (black's model).

    0: no error-level finding; 1: error-level findings (or any finding with strict);
    2: usage, configuration or environment error (set with :meth:`fatal`).
    """

    strict: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    fatal_error: bool = False

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(d for d in diags if d.level > Level.OFF)

    def fatal(self) -> None:
        self.fatal_error = True

    def count(self, level: Level) -> int:
        return sum(1 for d in self.diagnostics if d.level == level)

    @property
    def exit_code(self) -> int:
        if self.fatal_error:
            return 2
        if self.count(Level.ERROR):
            return 1
        if self.strict and self.diagnostics:
            return 1
        return 0

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)
