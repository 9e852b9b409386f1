"""Keselarasan: every SOP and every unit gets its own file in the site, named by a slug
of its `nomor` and of its `unit` (lowercase ASCII letters, digits and dashes). Two
different nomors or unit names that give the same slug would share one file: one SOP's
page, or one unit's forms and book, would replace the other's. sopc refuses to build
one over the other; this rule says why, before the build.

Fails: `nomor: SOP 001 X 2026` in one file and `nomor: SOP-001/X/2026` in another (both
`sop-001-x-2026.html`); `unit: Bagian Umum` in one file and `unit: bagian-umum` in
another (both `bagian-umum/`, `formulir/monitoring-bagian-umum.html`). Reported on each
SOP, naming the other file and its text.

Passes: nomors and unit names that differ in letters or digits, not only in case,
spaces or punctuation. The same nomor twice is KS05, not this rule."""

from __future__ import annotations

from sopc.build.writer import sop_relpath, unit_label
from sopc.core.diagnostics import Level, msg
from sopc.core.text import norm_space, slugify
from sopc.rules.base import Finding
from sopc.rules.ks._index import link_key

CODE = "KS08"
NAME = "slug-collision"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Nama berkas keluaran bertabrakan", "Output file names collide")


def _index(ctx) -> tuple[dict, dict]:
    config = ctx.config
    units: dict[str, dict[str, object]] = {}    # unit slug -> {label: first SOP with it}
    pages: dict[str, list] = {}                 # page path -> SOPs
    for s in sorted(ctx.repo.sops, key=lambda s: s.relpath):
        label = unit_label(s, config)
        units.setdefault(slugify(label), {}).setdefault(label, s)
        pages.setdefault(sop_relpath(s, config), []).append(s)
    return units, pages


def check(sop, ctx, options):
    units, pages = ctx.once("ks08-slugs", lambda: _index(ctx))
    config = ctx.config
    label = unit_label(sop, config)
    slug = slugify(label)
    others = [(u, s) for u, s in units.get(slug, {}).items() if u != label]
    if others:
        named = ", ".join(f"\"{u}\" ({ctx.repo_path(s)})" for u, s in others)
        yield Finding(sop.at("unit"), msg(
            f"unit \"{label}\" dan {named} sama-sama menjadi folder \"{slug}\": tulis nama unit "
            f"dengan cara yang sama, atau bedakan dengan huruf/angka",
            f"unit \"{label}\" and {named} both become the folder \"{slug}\": write the unit's "
            f"name the same way, or tell them apart with letters or digits"), key=f"unit:{slug}")
    path = sop_relpath(sop, config)
    mine = link_key(sop.nomor)
    clash = [s for s in pages.get(path, ()) if s is not sop and link_key(s.nomor) != mine]
    if clash:
        named = ", ".join(f"\"{s.nomor or s.nama}\" ({ctx.repo_path(s)})" for s in clash)
        yield Finding(sop.at("nomor"), msg(
            f"nomor \"{sop.nomor}\" dan {named} sama-sama menjadi berkas {path}: bedakan nomornya "
            f"dengan huruf/angka (bukan hanya tanda baca atau huruf besar/kecil)",
            f"nomor \"{sop.nomor}\" and {named} both become the file {path}: make the numbers "
            f"differ in letters or digits (not only punctuation or case)"), key=f"page:{path}")
