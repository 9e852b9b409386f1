"""Shortest and longest start-to-end path times (sopc.core.pathtime)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sopc.core.model import SOP, Activity, Edge, Symbol
from sopc.core.pathtime import path_times

END = None


def mk(rows, starts=(0,)):
    """rows: list of (waktu, [targets]) with target None = selesai; implicit symbols."""
    acts = []
    for i, (waktu, targets) in enumerate(rows):
        a = Activity(index=i, uraian=f"Kegiatan {i + 1}", pelaksana=["a"], waktu=waktu)
        a.edges = [Edge(i, t) for t in targets]
        is_start = i in starts
        is_end = any(t is None for t in targets)
        a.start, a.end = is_start, is_end
        a.symbol = (Symbol.TERMINAL if is_start and is_end else Symbol.START if is_start
                    else Symbol.END if is_end else Symbol.DECISION if len(targets) > 1 else Symbol.PROCESS)
        acts.append(a)
    return SOP(path=Path("t.sop.yaml"), pelaksana={"a": "Petugas"}, kegiatan=acts)


def test_linear():
    pt = path_times(mk([("10 menit", [1]), ("1 jam", [2]), ("5 menit", [END])]))
    assert pt.found and not pt.unparsed
    assert pt.shortest == pt.longest == 75
    assert pt.longest_path == [0, 1, 2] == pt.shortest_path


def test_decision_branches_give_shortest_and_longest():
    # 1 -> 2?  yes -> 4 -> end ; no -> 3 -> end
    sop = mk([("10 menit", [1]), ("15 menit", [3, 2]), ("5 menit", [END]),
              ("1 hari kerja", [4]), ("10 menit", [END])])
    pt = path_times(sop)
    assert pt.shortest == 30
    assert pt.longest == 10 + 15 + 450 + 10
    assert pt.longest_path == [0, 1, 3, 4]
    assert pt.shortest_path == [0, 1, 2]


def test_ranges_use_min_for_shortest_and_max_for_longest():
    pt = path_times(mk([("1-2 jam", [1]), ("30-45 menit", [END])]))
    assert pt.shortest == 90
    assert pt.longest == 165


def test_loop_is_taken_at_most_once():
    # 1 -> 2? lengkap -> 4 ; tidak -> 3 -> back to 2 ; 4 -> end
    sop = mk([("10 menit", [1]), ("15 menit", [3, 2]), ("1 hari kerja", [1]), ("1 jam", [END])])
    pt = path_times(sop)
    assert pt.longest == 10 + 15 + 60
    assert pt.longest_path == [0, 1, 3]
    assert pt.shortest == 85


def test_loop_through_a_later_exit_counts_its_activities():
    # 1 -> 2 -> 3? ok -> 5 ; revise -> 4 -> back to 2 ; 5 -> end
    sop = mk([("10 menit", [1]), ("1 jam", [2]), ("15 menit", [4, 3]), ("2 jam", [1]), ("5 menit", [END])])
    pt = path_times(sop)
    assert pt.longest == 10 + 60 + 15 + 5
    assert pt.shortest == pt.longest


def test_several_starts_and_ends():
    # two starts (1 and 3), two ends (2 and 4)
    sop = mk([("10 menit", [1]), ("20 menit", [END]), ("2 jam", [3]), ("1 jam", [END, 1])], starts=(0, 2))
    pt = path_times(sop)
    assert pt.shortest == 30
    assert pt.longest == 120 + 60 + 20
    assert pt.longest_path == [2, 3, 1]
    assert pt.shortest_path == [0, 1]


def test_activity_without_successor_is_an_end():
    sop = mk([("10 menit", [1, 2]), ("5 menit", []), ("1 jam", [END])])
    pt = path_times(sop)
    assert (pt.shortest, pt.longest) == (15, 70)


def test_unparsed_waktu_counts_zero_and_is_flagged():
    sop = mk([("10 menit", [1]), ("segera", [2]), (None, [3]), ("5 menit", [END])])
    pt = path_times(sop)
    assert pt.unparsed
    assert pt.unparsed_activities == (1, 2)
    assert pt.longest == pt.shortest == 15


def test_unreached_activity_does_not_count():
    sop = mk([("10 menit", [END]), ("segera", [END])])
    pt = path_times(sop)
    assert not pt.unparsed and pt.longest == 10


def test_loop_without_exit_finds_nothing():
    sop = mk([("10 menit", [1]), ("5 menit", [0])])
    pt = path_times(sop)
    assert not pt.found
    assert pt.longest == pt.shortest == 0 and pt.longest_path == []


def test_empty_sop():
    pt = path_times(SOP(path=Path("t.sop.yaml")))
    assert not pt.found and pt.longest == 0


def _simple_paths(sop, weights_lo, weights_hi):
    n = len(sop.kegiatan)
    succ = [sorted({t for t in a.successors}) for a in sop.kegiatan]
    term = [any(e.target is None for e in a.edges) or not a.successors for a in sop.kegiatan]
    best_lo, best_hi = float("inf"), float("-inf")

    def dfs(v, seen, lo, hi):
        nonlocal best_lo, best_hi
        if term[v]:
            best_lo, best_hi = min(best_lo, lo), max(best_hi, hi)
        for w in succ[v]:
            if w not in seen:
                seen.add(w)
                dfs(w, seen, lo + weights_lo[w], hi + weights_hi[w])
                seen.discard(w)

    for s in (a.index for a in sop.kegiatan if a.is_start):
        dfs(s, {s}, weights_lo[s], weights_hi[s])
    return best_lo, best_hi


@pytest.mark.parametrize("seed", range(40))
def test_against_brute_force(seed):
    rnd = random.Random(seed)
    n = rnd.randint(2, 8)
    forward_only = seed % 2 == 0
    rows = []
    lo, hi = [], []
    for i in range(n):
        a = rnd.randint(1, 30)
        b = a + rnd.choice([0, 0, 10])
        lo.append(a)
        hi.append(b)
        targets = []
        if i == n - 1 or rnd.random() < 0.2:
            targets.append(None)
        for _ in range(rnd.randint(0 if targets else 1, 2)):
            t = rnd.randint(i + 1, n - 1) if forward_only and i < n - 1 else rnd.randint(0, n - 1)
            if t != i and (not forward_only or t > i):
                targets.append(t)
        if not targets:
            targets.append(None)
        rows.append((f"{a}-{b} menit" if b != a else f"{a} menit", targets))
    sop = mk(rows, starts=(0,))
    pt = path_times(sop)
    blo, bhi = _simple_paths(sop, lo, hi)
    if blo == float("inf"):
        assert not pt.found
        return
    assert pt.found
    assert pt.shortest == pytest.approx(blo)           # exact (Dijkstra)
    assert pt.shortest <= pt.longest <= bhi + 1e-9      # DAG lower bound of the longest
    if forward_only:
        assert pt.longest == pytest.approx(bhi)         # exact on a DAG
    # the reported paths are real paths with the reported totals
    for path, total, w in ((pt.longest_path, pt.longest, hi), (pt.shortest_path, pt.shortest, lo)):
        assert sum(w[i] for i in path) == pytest.approx(total)
        for a, b in zip(path, path[1:]):
            assert b in sop.kegiatan[a].successors
        assert len(set(path)) == len(path)


def test_hostile_sop_is_linear():
    # 10,000 activities, every one a decision with three forward and two backward edges
    n = 10_000
    rnd = random.Random(1)
    rows = []
    for i in range(n):
        targets = [t for t in (i + 1, i + 2, i + 7) if t < n]
        targets += [rnd.randint(0, i)] if i else []
        targets += [max(0, i - 3)] if i > 3 else []
        if i == n - 1:
            targets.append(None)
        rows.append(("1-2 menit", targets))
    pt = path_times(mk(rows, starts=(0, 5, 500)))
    assert pt.found
    assert pt.shortest <= pt.longest
    assert pt.longest_path[-1] == n - 1
    assert pt.longest == 2 * len(pt.longest_path)
