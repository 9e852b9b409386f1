"""Keterukuran: a time is measurable only when it is a quantity with a unit. Words such
as "segera" (immediately), "sesuai kebutuhan" (as needed) or a dash say nothing that
can be checked, and they make the SOP's total time unknown.

A duration is `<angka>[ - <angka>] <satuan>`, compound values joined by spaces or
commas, decimal comma allowed; units detik, menit, jam, hari / hari kerja / HK, minggu,
bulan (English seconds, minutes, hours, days, working days, weeks, months accepted).

The same holds for the SOP's promised total time, `batas_waktu`.

Fails:

    batas_waktu: secepatnya
    waktu: segera
    waktu: "-"
    waktu: sesuai kebutuhan
    waktu: 30            # no unit

Passes:

    waktu: 15 menit
    waktu: 1 jam 30 menit
    waktu: 1,5 jam
    waktu: 1-2 hari kerja"""

from sopc.core.diagnostics import Level, msg
from sopc.core.durations import parse_duration
from sopc.rules.base import Finding

CODE = "KU02"
NAME = "bad-time"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Waktu bukan durasi", "Time is not a duration")


def check(sop, ctx, options):
    wk = ctx.config.waktu
    bw = sop.batas_waktu
    if bw is not None and str(bw).strip() and parse_duration(str(bw).strip(), wk) is None:
        yield Finding(sop.at("batas_waktu"), msg(
            f"batas_waktu \"{bw}\" bukan durasi yang terukur; tulis angka dan satuan, misalnya '3 hari kerja'",
            f"batas_waktu \"{bw}\" is not a measurable duration; write a number and a unit, e.g. '3 hari kerja'"))
    for a in sop.kegiatan:
        w = a.waktu
        if w is None or not str(w).strip():
            continue  # KU01
        if parse_duration(str(w).strip(), wk) is None:
            yield Finding(a.at("waktu"), msg(
                f"waktu kegiatan {a.number} \"{w}\" bukan durasi yang terukur; tulis angka dan satuan, "
                "misalnya '15 menit', '1 jam 30 menit' atau '1-2 hari kerja'",
                f"the time of activity {a.number} \"{w}\" is not a measurable duration; write a number and a unit, "
                "e.g. '15 menit', '1 jam 30 menit' or '1-2 hari kerja'"), a)
