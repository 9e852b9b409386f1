"""The executable side of the documentation pages, shared by the MkDocs hook (gambar.py)
and the tests (tests/test_docs_*.py).

A page marks what each code block is with an HTML comment on the line just before the
fence (invisible on the site):

    <!-- sopc: jalankan -->            sh: run in the page's folder, expect exit code 0
    <!-- sopc: jalankan kode=1 -->     sh: ... expect exit code 1 (kode=0,1: either)
    <!-- sopc: tidak-dijalankan ALASAN -->  sh: shown, not run (the reason is reported)
    <!-- sopc: keluaran -->            text: every line shown appears, in order, in the
                                       output of the last block run ("..." skips lines;
                                       a lint finding is compared by place, code and
                                       level, so a reworded message does not fail)
    <!-- sopc: berkas PATH -->         yaml: the reader writes this file (the whole file)
    <!-- sopc: bagian PATH -->         yaml: an excerpt of the file PATH of this page
    <!-- sopc: lint CODE... -->        yaml: a whole SOP; it lints with exactly these codes
    <!-- sopc: lint bersih -->         yaml: a whole SOP with no finding at all
    <!-- sopc: sisipkan PATH CODE... -->  yaml: a fragment put in place of the same key of
                                       the page's file PATH (or of the key named by
                                       ganti=KEY); it lints with exactly these codes
                                       ("bersih": none)
    <!-- sopc: konfigurasi -->         yaml: a sopc.yaml (or part) that loads with no error
    <!-- sopc: siapkan contoh -->      (no block) copy the example repository into the
                                       page's folder: the reader's own repository
    <!-- sopc: siapkan repositori -->  (no block) the repository of the tutorial's first
                                       step (`sopc init` with the tutorial's names)
    <!-- sopc: siapkan git -->         (no block) the same repository under git, as a
                                       clone of a shared repository (a bare repository
                                       beside the page's folder stands in for the server)
    <!-- sopc: siapkan arsip -->       (no block) put signed-looking SOP PDFs into the
                                       page's folder arsip/: sopc's own PDFs of the
                                       tutorial's SOP and of the SOP `sopc init` writes

Blocks run in page order in one folder per page, as a reader would type them. "Today"
is fixed by SOURCE_DATE_EPOCH (HARI_INI) so that dated rules give the same answer every
year.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
HARI_INI = "2026-12-01"
SOURCE_DATE_EPOCH = "1796083200"   # 2026-12-01T00:00:00Z

_MARK = re.compile(r"^\s*<!--\s*sopc:\s*(\S+)(.*?)-->\s*$")
_FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w+-]*)")

CODE_LANGS = ("yaml", "yml", "sh", "bash", "console", "shell")


@dataclass
class Block:
    page: str
    line: int                 # 1-based line of the fence (or of the marker when no block)
    lang: str | None          # None: a marker without a block
    code: str
    kind: str | None = None   # the marker's first word, None when unmarked
    args: list[str] = field(default_factory=list)

    def where(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """Every fenced block and every marker of a Markdown page, in order."""
    rel = path.relative_to(DOCS).as_posix() if path.is_relative_to(DOCS) else str(path)
    lines = path.read_text("utf-8").splitlines()
    out: list[Block] = []
    pending: tuple[int, str, list[str]] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _MARK.match(line)
        if m:
            if pending:
                out.append(Block(rel, pending[0], None, "", pending[1], pending[2]))
            pending = (i + 1, m.group(1), m.group(2).split())
            i += 1
            continue
        f = _FENCE.match(line)
        if f:
            indent, fence, lang = f.group(1), f.group(2), f.group(3).lower()
            body: list[str] = []
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j])
                j += 1
            b = Block(rel, i + 1, lang, "\n".join(body) + "\n")
            if pending and pending[0] == i:     # the marker is on the line just before
                b.kind, b.args = pending[1], pending[2]
                pending = None
            elif pending:
                out.append(Block(rel, pending[0], None, "", pending[1], pending[2]))
                pending = None
            out.append(b)
            i = j + 1
            continue
        if pending and line.strip():
            out.append(Block(rel, pending[0], None, "", pending[1], pending[2]))
            pending = None
        i += 1
    if pending:
        out.append(Block(rel, pending[0], None, "", pending[1], pending[2]))
    return out


def pages() -> list[Path]:
    """The pages of the site (docs/dev/ and docs/_hooks/ are not part of it)."""
    return sorted(p for p in DOCS.rglob("*.md")
                  if not p.relative_to(DOCS).as_posix().startswith(("dev/", "_hooks/")))


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "HOME": str(home), "NO_COLOR": "1",
                "LC_ALL": "C.UTF-8", "GIT_AUTHOR_NAME": "Tim Penyusun",
                "GIT_AUTHOR_EMAIL": "penyusun@contoh.go.id", "GIT_COMMITTER_NAME": "Tim Penyusun",
                "GIT_COMMITTER_EMAIL": "penyusun@contoh.go.id"})
    env.pop("CI", None)
    return env


def copy_examples(dest: Path) -> None:
    shutil.copytree(EXAMPLES, dest, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("_site", ".sopc-cache", "_site.*"))


def make_repository(work: Path) -> None:
    """The repository of the tutorial's first step: ``sopc init`` with its names."""
    subprocess.run(["sopc", "init", "--yes", "--instansi", "Pemerintah Kabupaten Contoh",
                    "--satuan-kerja", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                    "--unit", "Bidang Perizinan", str(work)], env=environment(work.parent),
                   check=True, capture_output=True, stdin=subprocess.DEVNULL)


def make_clone(work: Path) -> None:
    """A shared repository (bare, ``<work>.pusat.git``) holding the repository of
    :func:`make_repository`, and ``work`` a clone of it, as a team member has it."""
    seed = work.parent / (work.name + ".awal")
    server = work.parent / (work.name + ".pusat.git")
    make_repository(seed)
    env = environment(work.parent)

    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                       stdin=subprocess.DEVNULL)

    git("init", "-q", "--bare", "-b", "main", str(server), cwd=work.parent)
    git("init", "-q", "-b", "main", cwd=seed)
    git("add", ".", cwd=seed)
    git("commit", "-q", "-m", "Repositori SOP", cwd=seed)
    git("push", "-q", str(server), "main", cwd=seed)
    if work.exists() and not any(work.iterdir()):
        work.rmdir()
    git("clone", "-q", str(server), str(work), cwd=work.parent)


_TUTORIAL: dict[str, "Run"] = {}


def tutorial_run() -> "Run":
    """The tutorial followed once per process and per text of the page (in a temporary
    folder removed at exit): its test, the pictures of the site (also on each rebuild of
    ``mkdocs serve``) and the archive of the import page share it."""
    page = DOCS / "tutorial.md"
    text = page.read_text("utf-8")
    if text not in _TUTORIAL:
        tmp = Path(tempfile.mkdtemp(prefix="sopc-tutorial-"))
        atexit.register(shutil.rmtree, tmp, True)
        _TUTORIAL.clear()
        _TUTORIAL[text] = follow(page, tmp / "pembaca")
    return _TUTORIAL[text]


def make_archive(dest: Path) -> None:
    """sopc's PDFs of the tutorial's SOP and of the example SOP of ``sopc init``, as an
    archive of signed SOPs to import."""
    run = tutorial_run()
    dest.mkdir(parents=True, exist_ok=True)
    for pdf in sorted((run.cwd / "_site").glob("*/sop-*.pdf")):
        shutil.copyfile(pdf, dest / pdf.name)


# A lint finding: "path:line:col: CODE [level] message".
_FINDING = re.compile(r"^(\S+:\d+:\d+: [A-Z]+\d+ \[\w+\]) ")


def _same_line(actual: str, shown: str) -> bool:
    """A line of output is the line the page shows; a finding is the same finding when
    its place, code and level are (its message may be reworded since)."""
    if actual == shown:
        return True
    m = _FINDING.match(shown)
    return bool(m) and actual.startswith(m.group(1) + " ")


class StepError(AssertionError):
    pass


@dataclass
class Run:
    """One page followed by a reader, block by block, in ``folder``."""

    folder: Path
    cwd: Path | None = None
    output: str = ""
    files: dict[str, str] = field(default_factory=dict)   # berkas PATH -> text
    ran: list[Block] = field(default_factory=list)

    def __post_init__(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        self.cwd = self.cwd or self.folder

    def sh(self, b: Block, expect: set[int]) -> None:
        pwd_file = self.folder.parent / (self.folder.name + ".pwd")
        script = f"trap 'pwd > \"{pwd_file}\"' EXIT\nset -e\n{b.code}"
        home = self.folder.parent / (self.folder.name + ".home")
        home.mkdir(exist_ok=True)
        p = subprocess.run(["bash", "-c", script], cwd=self.cwd, env=environment(home),
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
        self.output = p.stdout + p.stderr
        if p.returncode not in expect:
            raise StepError(f"{b.where()}: exit {p.returncode}, the page expects {sorted(expect)}:\n"
                            f"{b.code}\n--- output ---\n{self.output}")
        if pwd_file.exists():
            self.cwd = Path(pwd_file.read_text().strip())
        self.ran.append(b)

    def check_output(self, b: Block) -> None:
        actual = [" ".join(x.split()) for x in self.output.splitlines()]
        pos = 0
        for want in (" ".join(x.split()) for x in b.code.splitlines()):
            if not want or want == "...":
                continue
            for k in range(pos, len(actual)):
                if _same_line(actual[k], want):
                    pos = k + 1
                    break
            else:
                raise StepError(f"{b.where()}: the page shows the line\n  {want}\n"
                                f"which the command did not print (in this order):\n{self.output}")

    def write(self, b: Block) -> None:
        path = self.cwd / b.args[0]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(b.code, "utf-8")
        self.files[b.args[0]] = b.code

    def step(self, b: Block) -> None:
        if b.kind == "jalankan":
            expect = {0}
            for a in b.args:
                if a.startswith("kode="):
                    expect = {int(x) for x in a[5:].split(",")}
            self.sh(b, expect)
        elif b.kind == "keluaran":
            self.check_output(b)
        elif b.kind == "berkas":
            self.write(b)
        elif b.kind == "siapkan" and b.args == ["contoh"]:
            copy_examples(self.cwd)
        elif b.kind == "siapkan" and b.args == ["repositori"]:
            make_repository(self.cwd)
        elif b.kind == "siapkan" and b.args == ["git"]:
            make_clone(self.cwd)
        elif b.kind == "siapkan" and b.args == ["arsip"]:
            make_archive(self.cwd / "arsip")
        elif b.kind == "siapkan":
            raise StepError(f"{b.where()}: unknown 'siapkan {' '.join(b.args)}'")


def follow(page: Path, folder: Path, kinds: tuple[str, ...] = ("jalankan", "keluaran", "berkas",
                                                                 "siapkan")) -> Run:
    """Follow a page as a reader would: each command and file in order, in ``folder``.
    Raises StepError at the first step that does not do what the page says."""
    run = Run(folder)
    for b in blocks(page):
        if b.kind in kinds:
            run.step(b)
    return run


def excerpt_in(excerpt: str, whole: str) -> bool:
    """Whether ``excerpt`` (any indentation) is a run of consecutive lines of ``whole``."""
    want = [x.rstrip() for x in textwrap.dedent(excerpt).strip("\n").splitlines()]
    have = [x.rstrip() for x in whole.splitlines()]
    lead = len(want[0]) - len(want[0].lstrip())
    for start in range(len(have)):
        indent = len(have[start]) - len(have[start].lstrip()) - lead
        if indent < 0:
            continue
        base = " " * indent
        if all(start + k < len(have) and have[start + k] == (base + w if w else "")
               for k, w in enumerate(want)):
            return True
    return False


def put_fragment(fragment: str, whole: str, key: str | None = None) -> str:
    """``whole`` with the line equal to ``fragment``'s first line (else the first line
    with the same key), and the lines of its value, replaced by ``fragment`` at that
    line's indentation. ``key`` names the key to replace when the fragment's own key is
    not in ``whole`` (a misspelt key)."""
    frag = textwrap.dedent(fragment).strip("\n").splitlines()
    lines = whole.splitlines()
    exact = [] if key else [i for i, line in enumerate(lines) if line.strip() == frag[0].strip()]
    key = key or frag[0].lstrip("- ").split(":", 1)[0].strip()
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if (i in exact[:1]) if exact else (stripped.startswith(key + ":")
                                           or stripped.startswith("- " + key + ":")):
            indent = len(line) - len(stripped)
            if stripped.startswith("- ") and not frag[0].startswith("- "):
                indent += 2
            end = i + 1
            while end < len(lines) and (not lines[end].strip()
                                        or len(lines[end]) - len(lines[end].lstrip()) > indent):
                end += 1
            new = [(" " * indent + x) if x else "" for x in frag]
            return "\n".join(lines[:i] + new + lines[end:]) + "\n"
    raise StepError(f"key {key!r} of the fragment is not in the file")
