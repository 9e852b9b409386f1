"""Resource limits and paths: alias bombs, 5 MB scalars, 10,000-activity SOPs and 100
actors end in a diagnostic or a slow-but-bounded result under a memory cap, never memory
exhaustion; slugs, logo and template paths and keterkaitan entries never read or write
outside the repository and the output folder."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import write_repo
from sopc.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 3 * 1024 ** 3   # bytes of address space for the child process


def header(n_actors: int) -> str:
    actors = "\n".join(f"  p{i}: Pejabat Pelaksana {i}" for i in range(n_actors))
    return f"""nomor: SOP-900/X/2026
nama: Prosedur Raksasa
tanggal: {{pembuatan: 2026-01-10, efektif: 2026-02-01}}
disahkan_oleh: {{jabatan: Kepala Dinas, nama: Siti, nip: "197203151998032004"}}
dasar_hukum: [Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik]
kualifikasi_pelaksana: []
keterkaitan: []
peralatan: []
peringatan: []
pencatatan: []
pelaksana:
{actors}
kegiatan:
"""


def giant_sop(n_acts: int, n_actors: int) -> str:
    parts = [header(n_actors)]
    for i in range(n_acts):
        parts.append(f"  - id: k{i}\n    uraian: Memproses berkas tahap {i}\n    pelaksana: p{i % n_actors}\n"
                     f"    kelengkapan: Berkas\n    waktu: 5 menit\n    output: Berkas tahap {i}\n")
        if i % 10 == 5 and i > 20:
            parts.append(f"    cabang: {{Ya: k{i + 1}, Tidak: k{i - 20}}}\n")
    return "".join(parts)


def run_capped(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "sopc", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=cap)


def assert_clean_exit(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode in (0, 1, 2), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert "kesalahan internal" not in proc.stderr, proc.stderr[-2000:]


@pytest.mark.slow
def test_ten_thousand_activities_and_hundred_actors(tmp_path):
    write_repo(tmp_path, giant_sop(10_000, 100), name="raksasa.sop.yaml")
    proc = run_capped(["lint", ".", "--today", "2026-11-28", "--format", "json"], tmp_path)
    assert_clean_exit(proc)
    assert "EE01" in proc.stdout and "EE03" in proc.stdout     # too many activities / actors
    proc = run_capped(["build", ".", "--out", str(tmp_path / "out"), "--today", "2026-11-28", "--paksa", "--quiet"],
                      tmp_path, timeout=900)
    assert_clean_exit(proc)


@pytest.mark.slow
def test_huge_scalars_and_bombs_under_memory_cap(tmp_path):
    big = "x" * (5 * 1024 * 1024 - 200)
    write_repo(tmp_path, header(2) + f"  - uraian: '{big}'\n    pelaksana: p0\n", name="besar.sop.yaml")
    (tmp_path / "bom.sop.yaml").write_text(
        "a: &a [" + ",".join(["x"] * 50) + "]\n" + "".join(
            f"{c}: &{c} [" + ",".join([f"*{p}"] * 50) + "]\n" for p, c in zip("abcdefg", "bcdefgh")), "utf-8")
    proc = run_capped(["lint", ".", "--today", "2026-11-28", "--format", "json"], tmp_path)
    assert_clean_exit(proc)
    assert "E007" in proc.stdout


def test_slugs_cannot_escape_the_output(tmp_path):
    sop = (ROOT / "examples" / "perizinan" / "izin-reklame.sop.yaml").read_text("utf-8")
    import re
    sop = re.sub(r"^nomor: .*$", 'nomor: "../../../../tmp/x/../../etc/passwd"', sop, flags=re.M)
    sop = re.sub(r"^unit: .*$", "", sop, flags=re.M)
    write_repo(tmp_path, sop, "instansi: {nama: X}\n", name="a.sop.yaml")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["build", str(tmp_path), "--out", str(out), "--today", "2026-11-28", "--paksa"])
    assert res.exit_code in (0, 1), res.output
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out.resolve())


def test_logo_outside_the_repository_is_refused(tmp_path):
    outside = tmp_path / "luar.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "logo.png").symlink_to(outside)
    sop = (ROOT / "tests" / "rules" / "E002.yaml").read_text("utf-8")
    for logo, expect in (("../luar.png", "E004"), (str(outside), "E004"), ("logo.png", "E004"), ("aset/tidak-ada.png", "E004")):
        write_repo(repo, None, f"instansi: {{nama: X, logo: {logo!r}}}\n")
        res = CliRunner().invoke(cli, ["lint", str(repo), "--format", "json"])
        assert res.exit_code == 2, (logo, res.output)
        assert expect in res.output


def test_template_override_cannot_follow_links_out(tmp_path):
    secret = tmp_path / "rahasia.html.j2"
    secret.write_text("RAHASIA-DI-LUAR", "utf-8")
    repo = tmp_path / "repo"
    (repo / "templates").mkdir(parents=True)
    src = ROOT / "templates"
    for name in os.listdir(src):
        if name.endswith(".j2"):
            (repo / "templates" / name).symlink_to(secret)
    sop = (ROOT / "examples" / "perizinan" / "izin-reklame.sop.yaml").read_text("utf-8")
    import re
    sop = re.sub(r"^unit: .*$", "", sop, flags=re.M)
    write_repo(repo, sop, "instansi: {nama: X}\n", name="a.sop.yaml")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["build", str(repo), "--out", str(out), "--today", "2026-11-28", "--paksa"])
    assert "Traceback" not in res.output
    for p in out.rglob("*.html") if out.exists() else []:
        assert "RAHASIA-DI-LUAR" not in p.read_text("utf-8")


def test_keterkaitan_paths_are_just_names(tmp_path):
    sop = (ROOT / "examples" / "perizinan" / "izin-reklame.sop.yaml").read_text("utf-8")
    import re
    sop = re.sub(r"^unit: .*$", "", sop, flags=re.M)
    sop = re.sub(r"^keterkaitan:(\n  - .*)*", "keterkaitan:\n  - /etc/passwd\n  - ../../sopc.yaml", sop, flags=re.M)
    write_repo(tmp_path, sop, "instansi: {nama: X}\n", name="a.sop.yaml")
    res = CliRunner().invoke(cli, ["lint", str(tmp_path), "--format", "json", "--today", "2026-11-28"])
    assert res.exit_code in (0, 1)
    assert "KS01" in res.output and "root:" not in res.output
