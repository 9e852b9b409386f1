"""Incremental builds: after every step of a scripted sequence of edits, a build into
the same folder that reuses the page cache and the no-op shortcut must give exactly
the files (names and bytes) of a clean build without any cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from build_helpers import CONFIG, SOP_A, SOP_B, make_repo, read_site
from sopc.build.pipeline import build

TODAY = "2026-06-01"

SOP_C = SOP_B.replace("SOP-002/UJI/2025", "SOP-003/UJI/2025").replace(
    "Pengarsipan Surat", "Peminjaman Arsip").replace("keterkaitan: [SOP-001/UJI/2025]", "keterkaitan: []")


def _clean(repo: Path, dst: Path) -> dict[str, bytes]:
    """A clean build of ``repo`` into the new folder ``dst``, without any cache.

    The same repository folder (not a copy): messages may name other SOP files by path."""
    res = build([repo], out=dst, today=TODAY, cache=False, jobs=1)
    assert res.exit_code in (0, 1), res.fatal
    return read_site(dst) if dst.is_dir() else {}


def _incremental(repo: Path) -> tuple[dict[str, bytes], object]:
    res = build([repo], today=TODAY, jobs=1)
    assert res.exit_code in (0, 1), res.fatal
    out = repo / "_site"
    return (read_site(out) if out.is_dir() else {}), res


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    st = path.stat()
    path.write_text(text.replace(old, new, 1), "utf-8")
    # A same-size edit within the file system's clock granularity must still be seen:
    # keep the old mtime only when the size differs (then size alone tells the change).
    if len(old) != len(new):
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _assert_same(inc: dict[str, bytes], clean: dict[str, bytes], step: str) -> None:
    assert sorted(inc) == sorted(clean), f"{step}: file lists differ: " \
        f"only incremental {sorted(set(inc) - set(clean))}, only clean {sorted(set(clean) - set(inc))}"
    differ = [name for name in clean if inc[name] != clean[name]]
    assert not differ, f"{step}: files differ: {differ}"


def test_incremental_equals_clean_after_each_edit(tmp_path):
    _sequence(tmp_path)


def test_incremental_with_graph_memo_equals_clean(tmp_path, monkeypatch):
    """The same sequence with the repository graphs going through sopc.cache.store's memo
    (as once sopc.site.dot.render_svgs calls it)."""
    import sopc.site.dot as dot
    from sopc.cache import store as cache

    original = dot.render_svgs
    calls, asked = [], []

    def memoized(jobs, prog="dot", timeout=300):
        asked.append(1)
        return cache.memo_render_svgs(jobs, prog, lambda j, p: (calls.append(1), original(j, p, timeout))[1])

    monkeypatch.setattr(dot, "render_svgs", memoized)
    _sequence(tmp_path)
    assert calls, "the graphs were never rendered"
    assert len(calls) < len(asked), "no graph was ever reused from the cache"


def _sequence(tmp_path):
    repo = make_repo(tmp_path / "repo")
    steps = []

    def step(name, action):
        steps.append((name, action))

    umum = repo / "umum"
    step("initial build", lambda: None)
    step("no-op rebuild", lambda: None)
    step("edit uraian (same size)", lambda: _edit(
        umum / "a.sop.yaml", "Memeriksa kelengkapan berkas", "Memeriksa kelengkapan dokumen"[:28]))
    step("edit uraian (longer)", lambda: _edit(
        umum / "a.sop.yaml", "Mengajukan permohonan surat keterangan",
        "Mengajukan permohonan surat keterangan domisili usaha"))
    step("edit a waktu (workload page)", lambda: _edit(umum / "a.sop.yaml", "waktu: 15 menit", "waktu: 25 menit"))
    step("edit a peringatan", lambda: _edit(umum / "a.sop.yaml", "peringatan: []",
                                            "peringatan: [Berkas tidak lengkap dikembalikan]"))
    step("an edit that raises a finding", lambda: _edit(
        umum / "a.sop.yaml", "    output: Formulir terisi\n", ""))
    step("a source error", lambda: _edit(umum / "a.sop.yaml", "peralatan: [Komputer]", "peralatan: [Komputer"))
    step("the source error fixed", lambda: _edit(umum / "a.sop.yaml", "peralatan: [Komputer", "peralatan: [Komputer]"))
    step("the finding fixed", lambda: _edit(
        umum / "a.sop.yaml", "    waktu: 10 menit\n", "    waktu: 10 menit\n    output: Formulir terisi\n"))
    step("edit an actor label (seen by other SOPs)", lambda: _edit(
        umum / "a.sop.yaml", "petugas: Petugas Loket", "petugas: Petugas Loket Terpadu"))
    step("edit both SOPs", lambda: (
        _edit(umum / "a.sop.yaml", "Formulir permohonan", "Formulir permohonan bermeterai"),
        _edit(umum / "b.sop.yaml", "Menerima surat untuk diarsipkan", "Menerima surat dinas untuk diarsipkan")))
    step("rename a linked SOP file", lambda: (umum / "b.sop.yaml").rename(umum / "arsip.sop.yaml"))
    step("change the nama of a linked SOP", lambda: _edit(
        umum / "arsip.sop.yaml", "nama: Pengarsipan Surat", "nama: Pengarsipan Surat Dinas"))
    step("add an SOP", lambda: (umum / "c.sop.yaml").write_text(SOP_C, "utf-8"))
    step("add a keterkaitan", lambda: _edit(
        umum / "arsip.sop.yaml", "keterkaitan: [SOP-001/UJI/2025]",
        "keterkaitan: [SOP-001/UJI/2025, SOP-003/UJI/2025]"))
    step("delete a linked SOP", lambda: (umum / "c.sop.yaml").unlink())
    step("remove the broken keterkaitan", lambda: _edit(
        umum / "arsip.sop.yaml", "keterkaitan: [SOP-001/UJI/2025, SOP-003/UJI/2025]",
        "keterkaitan: [SOP-001/UJI/2025]"))
    step("change sopc.yaml", lambda: (repo / "sopc.yaml").write_text(
        CONFIG.replace("Dinas Uji Coba", "Dinas Uji Coba Ulang"), "utf-8"))
    step("move an SOP to another folder", lambda: (
        (repo / "lain").mkdir(), (umum / "a.sop.yaml").rename(repo / "lain" / "a.sop.yaml")))
    step("delete an SOP", lambda: (repo / "lain" / "a.sop.yaml").unlink())

    # the edits that the fast path takes (sopc.cache.snapshot): nothing other SOPs see changed
    fast = {"edit uraian (same size)": 1, "edit uraian (longer)": 1, "edit a waktu (workload page)": 1,
            "edit a peringatan": 1, "an edit that raises a finding": 1, "the finding fixed": 1,
            "edit both SOPs": 2}
    for i, (name, action) in enumerate(steps):
        action()
        inc, res = _incremental(repo)
        if name == "no-op rebuild":
            assert res.up_to_date, "an unchanged repository must be a no-op rebuild"
        elif i > 0:
            assert not res.up_to_date, f"{name}: the change was not seen"
            assert res.reread == fast.get(name), f"{name}: fast path {res.reread}, expected {fast.get(name)}"
        clean = _clean(repo, tmp_path / f"clean{i}")
        assert inc, f"{name}: nothing built"
        _assert_same(inc, clean, name)


def test_corrupt_cache_entry_is_never_served(tmp_path):
    repo = make_repo(tmp_path / "repo")
    first, _ = _incremental(repo)
    cache = repo / ".sopc-cache"
    entries = [p for p in cache.rglob("*") if p.is_file() and "halaman" in p.parts]
    if not entries:
        pytest.skip("the build keeps no page cache entries")
    for p in entries:
        data = bytearray(p.read_bytes())
        data[-2] ^= 0x01          # flip one bit of the stored page
        p.write_bytes(bytes(data))
    shutil.rmtree(repo / "_site")  # force a real build (the no-op shortcut needs the output)
    again, _ = _incremental(repo)
    _assert_same(again, first, "after corrupting the cache")
    _assert_same(again, _clean(repo, tmp_path / "clean"), "after corrupting the cache (clean)")


def test_a_planted_snapshot_cannot_run_code(tmp_path):
    """The snapshot is read by an unpickler that refuses every global."""
    import pickle

    from sopc.cache import snapshot

    repo = make_repo(tmp_path / "repo")
    _incremental(repo)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    (repo / snapshot.FILE).write_bytes(pickle.dumps({"format": snapshot.FORMAT, "key": Evil(), "files": {}}))
    _edit(repo / "umum" / "a.sop.yaml", "Memeriksa kelengkapan berkas", "Memeriksa kelengkapan dokumen")
    inc, res = _incremental(repo)
    assert not marker.exists()
    assert res.reread is None                     # the full path, then a fresh snapshot
    _assert_same(inc, _clean(repo, tmp_path / "clean"), "after a planted snapshot")
    assert snapshot._read(repo) is not None
