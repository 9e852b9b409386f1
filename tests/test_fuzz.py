"""Property-based fuzzing: mutate valid SOP files (delete, duplicate and retype keys,
truncate, insert random bytes, invalid UTF-8, deep nesting, huge strings, random unicode
with RTL and zero-width characters) and check that `sopc lint` and `sopc build` always
finish with a diagnostic or success: exit 0/1/2, never a traceback, never an internal
error, within a time bound.

Profiles: CI runs a few hundred cases per property; the full run (10,000+ cases) is
`SOPC_FUZZ=full python -m pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopc.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FULL = os.environ.get("SOPC_FUZZ") == "full"
LINT_CASES = 10_000 if FULL else 400
BUILD_CASES = 1_500 if FULL else 60
HANG_SECONDS = 30   # a guard against hangs, not a speed requirement

SOURCES = sorted(EXAMPLES.rglob("*.sop.yaml"))
TEXTS = [p.read_text("utf-8") for p in SOURCES]

WEIRD = st.sampled_from([
    "\u202e", "\u200b", "\u200d", "\ufeff", "\u0000", "\u0007", "\x85", "\u2028", "\ud7ff",
    "مرحبا", "שלום", "漢字", "🙂", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}",
    '"]; node [label="x', "\\", "&amp;", "a: b", "- x", "*alias", "&anchor", "!!python/object:os.system",
    "? x", "|", ">", "#", "%YAML 1.1", "---", "...", "\t", "'", '"', "`", "@", ":", "[", "{",
])
TEXT = st.one_of(st.text(min_size=0, max_size=40), WEIRD, st.text(alphabet=st.characters(), max_size=10))


@contextmanager
def hang_guard(seconds: int = HANG_SECONDS):
    def on_alarm(signum, frame):  # pragma: no cover - only on a hang
        raise TimeoutError(f"sopc did not finish within {seconds} s")
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@st.composite
def mutated(draw) -> bytes:
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    n_ops = draw(st.integers(1, 3))
    for _ in range(n_ops):
        op = draw(st.sampled_from([
            "delete", "duplicate", "retype", "replace_value", "truncate", "insert_text", "rename_key",
            "deep", "huge", "indent", "swap",
        ]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and lines:
            k = draw(st.integers(1, 6))
            del lines[i:i + k]
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "retype" and lines and ":" in lines[i]:
            key, _, _ = lines[i].partition(":")
            new = draw(st.sampled_from(["[]", "{}", "[a, [b]]", "{x: 1}", "null", "123", "true", "~", "2025-13-45",
                                        "-1", "1e9", "''", "|\n  x", "&a x", "*a"]))
            lines[i] = f"{key}: {new}"
        elif op == "replace_value" and lines and ":" in lines[i]:
            key, _, _ = lines[i].partition(":")
            lines[i] = f"{key}: {draw(TEXT)!r}"[: 10_000] if draw(st.booleans()) else f"{key}: {draw(TEXT)}"
        elif op == "truncate":
            cut = draw(st.integers(0, len("\n".join(lines))))
            lines = "\n".join(lines)[:cut].split("\n")
        elif op == "insert_text":
            lines.insert(i, draw(TEXT))
        elif op == "rename_key" and lines and ":" in lines[i]:
            _, sep, rest = lines[i].partition(":")
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            lines[i] = indent + draw(st.sampled_from(["uraiann", "ke", "cabang", "id", "mulai", "nip", "x", "<<", "abaikan"])) + sep + rest
        elif op == "deep":
            depth = draw(st.integers(10, 200))
            lines.insert(i, "x: " + "[" * depth + "]" * depth)
        elif op == "huge":
            lines.insert(i, "    keterangan: " + "panjang " * draw(st.integers(1000, 60_000)))
        elif op == "indent" and lines:
            lines[i] = draw(st.sampled_from(["\t", " ", "   ", ""])) + lines[i].lstrip()
        elif op == "swap" and len(lines) > 2:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        pos = draw(st.integers(0, len(data)))
        data = data[:pos] + draw(st.binary(min_size=1, max_size=8)) + data[pos:]
    return data


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copy(EXAMPLES / "sopc.yaml", root / "sopc.yaml")
    if (EXAMPLES / "aset").is_dir():
        shutil.copytree(EXAMPLES / "aset", root / "aset")
    for p in SOURCES[:2]:
        shutil.copy(p, root / p.name)
    return root


def check_result(res) -> None:
    out = (res.output or "") + (getattr(res, "stderr", "") or "")
    assert res.exit_code in (0, 1, 2), (res.exit_code, out[-2000:], res.exc_info)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise AssertionError(f"uncaught {type(res.exception).__name__}: {res.exception}") from res.exception
    assert "Traceback" not in out, out[-3000:]
    assert "kesalahan internal" not in out and "internal error" not in out, out[-3000:]


SETTINGS = dict(deadline=None, derandomize=not FULL, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])


@settings(max_examples=LINT_CASES, **SETTINGS)
@given(data=mutated())
def test_lint_never_crashes(repo, data):
    target = repo / "fuzz.sop.yaml"
    target.write_bytes(data)
    with hang_guard():
        res = CliRunner().invoke(cli, ["lint", str(repo), "--today", "2026-11-28", "--format", "json"])
    check_result(res)


@settings(max_examples=BUILD_CASES, **SETTINGS)
@given(data=mutated(), paksa=st.booleans())
def test_build_never_crashes(repo, tmp_path_factory, data, paksa):
    target = repo / "fuzz.sop.yaml"
    target.write_bytes(data)
    out = repo / "_site"
    args = ["build", str(repo), "--out", str(out), "--today", "2026-11-28", "--quiet"]
    if paksa:
        args.append("--paksa")
    with hang_guard(60):
        res = CliRunner().invoke(cli, args)
    check_result(res)


@settings(max_examples=LINT_CASES // 4, **SETTINGS)
@given(data=mutated())
def test_config_mutations_never_crash(repo, data):
    """The same mutations applied to sopc.yaml (as bytes of an SOP-like mapping)."""
    cfg = repo / "sopc.yaml"
    original = cfg.read_bytes()
    try:
        cfg.write_bytes(original + b"\n" + data[:2000] if data[:1] != b"\x00" else data)
        with hang_guard():
            res = CliRunner().invoke(cli, ["lint", str(repo), "--today", "2026-11-28"])
        check_result(res)
    finally:
        cfg.write_bytes(original)
