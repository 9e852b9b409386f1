"""The context every rule receives: the configuration, the whole repository (for the
repository-wide KS rules), "today", and a per-run cache for derived data (flow graph,
path times, the nomor/nama index) so that work done for one rule is not redone."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import Any, Callable

from sopc.core.model import SOP, Config, Repository


def resolve_today(today: str | _dt.date | None = None) -> _dt.date:
    """"Today" for reproducible runs: ``--today``, else ``SOURCE_DATE_EPOCH``, else the
    real date. Raises ValueError on a malformed value."""
    if isinstance(today, _dt.date):
        return today
    if today:
        return _dt.date.fromisoformat(str(today).strip())
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


@dataclass
class LintContext:
    repo: Repository
    today: _dt.date
    lang: str = "id"
    cache: dict[tuple[str, int], Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> Config:
        return self.repo.config

    def derived(self, name: str, sop: SOP, compute: Callable[[SOP], Any]) -> Any:
        """Compute ``compute(sop)`` once per run and SOP under ``name``."""
        k = (name, id(sop))
        if k not in self.cache:
            self.cache[k] = compute(sop)
        return self.cache[k]

    def repo_path(self, sop: SOP) -> str:
        """``sop``'s file relative to the repository root (POSIX): how messages name
        another SOP, so that they read the same from any working folder."""
        k = ("repo-path", id(sop))
        got = self.cache.get(k)
        if got is None:
            got = self.cache[k] = _relative(sop, self.config.root)
        return got

    def once(self, name: str, compute: Callable[[], Any]) -> Any:
        """Compute a repository-wide value once per run."""
        if name not in self.shared:
            self.shared[name] = compute()
        return self.shared[name]


def _relative(sop: SOP, root) -> str:
    text = os.path.abspath(sop.path)
    prefix = os.path.abspath(root).rstrip(os.sep) + os.sep
    if text.startswith(prefix):        # the common case, without relpath's cost
        return text[len(prefix):].replace(os.sep, "/")
    try:
        return os.path.relpath(text, root).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - another drive
        return sop.relpath
