"""discover → load: the only stage that reads source files.

``load_repository(paths)`` finds the repository root (the folder holding
``sopc.yaml``, walking up), reads the config, discovers every ``*.sop.yaml`` /
``*.sop.yml`` below it and builds the typed model. Repository-wide rules need every
SOP; when only some files are asked for, the others are read cheaply from an index
cache (``.sopc-cache/index.json``: nomor, nama, unit, keterkaitan, pelaksana keyed by
size and mtime) instead of being parsed again.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sopc.core.diagnostics import Diagnostic, Message, Pos, msg
from sopc.core.memory import collector_paused
from sopc.loader.config import CONFIG_NAME, load_config_bytes
from sopc.loader.sopfile import load_sop_bytes
from sopc.core.model import SOP, Config, Repository

__all__ = [
    "LoadError", "LoadResult", "load_repository", "load_sop_text", "load_config_text",
    "find_root", "discover", "CONFIG_NAME", "Plan", "plan_repository", "load_plan", "load_files", "load_neighbours",
]

SOP_SUFFIXES = (".sop.yaml", ".sop.yml")
SKIP_DIRS = {"node_modules", "__pycache__", "_site"}


class LoadError(Exception):
    """An environment problem (no sopc.yaml, a path that does not exist): exit 2."""

    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message


@dataclass
class LoadResult:
    repo: Repository
    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)      # E-codes of SOP files
    config_diagnostics: list[Diagnostic] = field(default_factory=list)
    targets: list[SOP] = field(default_factory=list)
    target_paths: list[Path] = field(default_factory=list)            # every file asked for

    @property
    def config_errors(self) -> bool:
        return bool(self.config_diagnostics)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as shown in diagnostics: relative to the working folder when inside it."""
    base = os.getcwd() if cwd is None else str(cwd)
    text = os.path.abspath(path)
    prefix = base.rstrip(os.sep) + os.sep
    if text.startswith(prefix):           # the common case, without pathlib's cost
        return text[len(prefix):].replace(os.sep, "/")
    rel = os.path.relpath(text, base)
    return Path(rel).as_posix() if not rel.startswith("..") or len(Path(rel).parts) < 6 else Path(text).as_posix()


def find_root(start: Path) -> Path | None:
    p = start if start.is_dir() else start.parent
    p = p.absolute()
    for cand in (p, *p.parents):
        if (cand / CONFIG_NAME).is_file():
            return cand
    return None


def _is_sop_file(name: str) -> bool:
    return name.endswith(SOP_SUFFIXES)


def discover(root: Path, output_dir: str | None = None) -> list[Path]:
    """Every SOP file below ``root`` in a stable order; hidden folders, the output
    folder and files that resolve outside the repository are skipped."""
    root = root.absolute()
    real_root = root.resolve()
    skip_out = (root / output_dir).absolute() if output_dir else None
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        d = Path(dirpath)
        dirnames[:] = sorted(
            n for n in dirnames
            if not n.startswith(".") and n not in SKIP_DIRS and (skip_out is None or d / n != skip_out)
        )
        for name in sorted(filenames):
            if not _is_sop_file(name) or name.startswith("."):
                continue
            f = d / name
            if f.is_symlink():
                try:
                    if not f.resolve().is_relative_to(real_root):
                        continue
                except OSError:
                    continue
            found.append(f)
    return found


def _read(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _io_diag(relpath: str, exc: OSError) -> Diagnostic:
    return Diagnostic(relpath, Pos(1, 1),
                      msg(f"berkas tidak dapat dibaca: {exc.strerror or exc}",
                          f"cannot read file: {exc.strerror or exc}"),
                      code="E001", name="yaml-syntax")


def load_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    cfg_path = root / CONFIG_NAME
    rel = display_path(cfg_path)
    try:
        data = _read(cfg_path)
    except OSError as exc:
        cfg = Config(root=root, path=cfg_path)
        return cfg, [_io_diag(rel, exc)]
    return load_config_bytes(data, root, rel)


def load_repository(paths=None, *, use_cache: bool = True) -> LoadResult:
    """Load the repository that holds ``paths`` (files or folders; default: the cwd).

    Raises :class:`LoadError` for environment errors. Source problems are diagnostics.
    The cyclic garbage collector is paused while loading: the model holds hundreds of
    thousands of small objects and no cycles, and repeated full collections over them
    cost a third of the load time.
    """
    return load_plan(plan_repository(paths), use_cache=use_cache)


@dataclass
class Plan:
    """What a load will read: the root, the config and the files, asked-for first."""

    root: Path
    config: Config
    config_diagnostics: list[Diagnostic]
    wanted: list[Path]
    others: list[Path]


def plan_repository(paths=None) -> Plan:
    """Find the root, read ``sopc.yaml`` and list the SOP files; nothing else is read."""
    if paths is None:
        paths = []
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise LoadError(msg(f"jalur tidak ditemukan: {p}", f"path not found: {p}"))
    start = paths[0] if paths else Path.cwd()
    root = find_root(start)
    if root is None:
        raise LoadError(msg(
            f"{CONFIG_NAME} tidak ditemukan di {start.absolute()} atau folder di atasnya; "
            "buat dengan 'sopc init' atau jalankan dari dalam repositori SOP",
            f"{CONFIG_NAME} not found in {start.absolute()} or any parent folder; "
            "create one with 'sopc init' or run inside an SOP repository"))
    config, cfg_diags = load_config(root)
    all_files = discover(root, config.keluaran)
    if not paths:
        wanted = list(all_files)
    else:
        wanted = []
        seen: set[Path] = set()
        abs_all = {f.absolute(): f for f in all_files}
        for p in paths:
            ap = p.absolute()
            if p.is_dir() or (ap.name == CONFIG_NAME and ap.parent == root.absolute()):
                # naming sopc.yaml (a pre-commit hook does when it changes) means every
                # SOP: the configuration applies to all of them
                scope = root.absolute() if not p.is_dir() else ap
                for f in all_files:
                    if f.absolute().is_relative_to(scope) and f not in seen:
                        seen.add(f)
                        wanted.append(f)
            else:
                if not ap.is_relative_to(root):
                    raise LoadError(msg(f"{p} berada di luar repositori {root}",
                                        f"{p} is outside the repository {root}"))
                f = abs_all.get(ap, ap)
                if f not in seen:
                    seen.add(f)
                    wanted.append(f)
    wanted_set = set(wanted)
    others = [f for f in all_files if f not in wanted_set]
    return Plan(root, config, cfg_diags, wanted, others)


_TOP_NAME = re.compile(rb"^(nomor|nama)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def salvage_names(data: bytes) -> tuple[str, ...]:
    """The ``nomor`` and ``nama`` of an SOP file that YAML cannot parse, read off its
    top-level ``nomor:``/``nama:`` lines (first of each; quotes and a trailing comment
    removed). Used only so that other SOPs' links to it are not reported as dead."""
    found: dict[bytes, str] = {}
    for m in _TOP_NAME.finditer(data[:1_000_000]):
        key, value = m.group(1), m.group(2)
        if key in found:
            continue
        text = value.decode("utf-8", "replace")
        if text[:1] in ("'", '"'):
            end = text.find(text[0], 1)
            text = text[1:end] if end > 0 else ""
        else:
            text = re.split(r"\s#", text, maxsplit=1)[0].strip()
        if text and text[0] not in "[{|>&*!":
            found[key] = text
    return tuple(found[k] for k in (b"nomor", b"nama") if k in found)


def load_files(files: list[Path], config: Config,
               unparsed: dict[str, tuple[str, ...]] | None = None,
               on_sop: Callable[[SOP, int, int], None] | None = None) -> tuple[list[SOP], list[Diagnostic]]:
    """Fully load ``files`` (SOPs that failed to parse at all are left out; with
    ``unparsed``, their salvaged names are put there by relpath). ``on_sop(sop, k,
    total)`` is told of each SOP as soon as it is loaded (``k`` files of ``total``
    read), so that a caller can start work on the first ones while the rest load."""
    sops: list[SOP] = []
    diags: list[Diagnostic] = []
    for k, f in enumerate(files):
        rel = display_path(f)
        try:
            data = _read(f)
        except OSError as exc:
            diags.append(_io_diag(rel, exc))
            continue
        sop, ds = load_sop_bytes(data, f, rel, config)
        diags.extend(ds)
        if sop is not None:
            sops.append(sop)
            if on_sop is not None:
                on_sop(sop, k + 1, len(files))
        elif unparsed is not None:
            unparsed[rel] = salvage_names(data)
    return sops, diags


def load_neighbours(plan: Plan, use_cache: bool = True, loaded: list[SOP] = (),
                    unparsed: dict[str, tuple[str, ...]] | None = None) -> list[SOP]:
    """The SOPs not asked for, from the index cache where it is fresh (``light``),
    parsed otherwise. ``loaded``: the asked-for SOPs, remembered in the cache;
    ``unparsed`` receives the salvaged names of files that cannot be parsed."""
    if not plan.others:
        return []
    cache = None
    if use_cache:
        from sopc.loader.index_cache import IndexCache
        cache = IndexCache(plan.root)
        for sop in loaded:
            cache.remember(sop.path, sop)
    out: list[SOP] = []
    for f in plan.others:
        sop = cache.get(f) if cache is not None else None
        if sop is None:
            try:
                data = _read(f)
            except OSError:
                continue
            sop, _diags = load_sop_bytes(data, f, display_path(f), plan.config)
            if sop is None:
                if unparsed is not None:
                    unparsed[display_path(f)] = salvage_names(data)
                continue
            if cache is not None:
                cache.remember(f, sop)
        else:
            sop.relpath = display_path(f)
        out.append(sop)
    if cache is not None:
        cache.save()
    return out


def load_plan(plan: Plan, *, use_cache: bool = True,
              on_sop: Callable[[SOP, int, int], None] | None = None) -> LoadResult:
    """:func:`load_repository` of a plan made by :func:`plan_repository`, telling
    ``on_sop`` of each asked-for SOP as it loads (see :func:`load_files`)."""
    with collector_paused():
        result = LoadResult(Repository(plan.config), plan.root, config_diagnostics=plan.config_diagnostics)
        result.target_paths = plan.wanted
        sops, result.diagnostics = load_files(plan.wanted, plan.config, result.repo.unparsed, on_sop)
        result.targets = sops
        result.repo.sops = sops + load_neighbours(plan, use_cache, sops, result.repo.unparsed)
        return result


def load_sop_text(text: str | bytes, relpath: str = "t.sop.yaml", config: Config | None = None):
    """Build one SOP from text (tests, editors). Returns (SOP | None, diagnostics)."""
    return load_sop_bytes(text, Path(relpath).absolute(), relpath, config)


def load_config_text(text: str | bytes, root: Path | str = ".") -> tuple[Config, list[Diagnostic]]:
    return load_config_bytes(text, Path(root).absolute())
