"""Helpers shared by the BP rules: who is an outside party (`pihak_luar`)."""

from __future__ import annotations

from sopc.core.text import fold


def outside_labels(ctx) -> tuple[str, ...]:
    """Folded `pihak_luar` labels, computed once per run."""
    return ctx.once("bp-pihak-luar", lambda: tuple(
        f for f in (fold(x) for x in (ctx.config.pihak_luar or [])) if f))


def is_outside_label(label: str, outside: tuple[str, ...]) -> bool:
    """True when ``label`` is an outside party: equal to a `pihak_luar` entry ignoring
    case, or starting with one as a whole word ("Pemohon Izin", "Masyarakat Umum")."""
    f = fold(label)
    for o in outside:
        if f == o or f.startswith(o + " "):
            return True
    return False


def outside_actor_ids(sop, ctx) -> set[str]:
    outside = outside_labels(ctx)
    return {i for i, lab in sop.pelaksana.items() if is_outside_label(lab, outside)}


def is_service(sop) -> bool:
    return (sop.sifat or "").strip().casefold() == "pelayanan"
