"""Efisiensi dan efektivitas: when an SOP states its service standard (`batas_waktu`,
the time promised to the user), the procedure must be able to deliver within it. sopc
adds the `waktu` of the activities along the longest path from a start to an end (each
activity once, loops taken at most once; the upper end of a range) and compares it with
`batas_waktu` (its upper end when it is a range).

Fails:

    batas_waktu: 3 hari kerja
    # activities on the longest path: 10 menit, 15 menit, 2 hari kerja, 1 hari kerja,
    # 30 menit -> 3 hari kerja 55 menit

Passes: the longest path fits, e.g. `batas_waktu: 5 hari kerja`; or shorten the
activities. The message names both the shortest and the longest total and the
activities of the longest path ("1 → 2 → 5 → 6"). Activities whose `waktu` is missing
or not a duration count 0 (KU01/KU02 report them); a `batas_waktu` that is not a
duration is KU02's, not this rule's."""

from sopc.core.diagnostics import Level, msg
from sopc.core.durations import format_duration, parse_duration
from sopc.rules.base import Finding
from sopc.rules.ee._util import times

CODE = "EE02"
NAME = "over-time-limit"
LEVEL = Level.ERROR
OPTIONS: dict = {}
TITLE = msg("Melebihi batas waktu", "Over the time limit")


def _path_text(path: list[int], keep: int = 12) -> str:
    """Activity numbers joined by arrows; a very long path keeps its two ends."""
    nums = [str(i + 1) for i in path]
    if len(nums) > 2 * keep:
        nums = nums[:keep] + ["…"] + nums[-keep:]
    return " → ".join(nums)


def check(sop, ctx, options):
    if not sop.batas_waktu:
        return
    wk = ctx.config.waktu
    limit = parse_duration(str(sop.batas_waktu).strip(), wk)
    if limit is None:
        return
    pt = times(sop, ctx)
    if not pt.found or pt.longest <= limit.max + 1e-6:
        return
    path = _path_text(pt.longest_path)
    written = " ".join(str(sop.batas_waktu).split())
    note_id = note_en = ""
    if pt.unparsed:
        nums = ", ".join(str(i + 1) for i in pt.unparsed_activities)
        note_id = f" (kegiatan {nums} tanpa waktu yang sah dihitung 0)"
        note_en = f" (activities {nums} without a valid time count as 0)"
    yield Finding(sop.at("batas_waktu"), msg(
        f"waktu terpanjang dari mulai sampai selesai {format_duration(pt.longest, wk, 'id')} melebihi "
        f"batas_waktu {written} (waktu terpendek {format_duration(pt.shortest, wk, 'id')}); "
        f"jalur terpanjang: kegiatan {path}{note_id}",
        f"the longest start-to-end time {format_duration(pt.longest, wk, 'en')} exceeds "
        f"batas_waktu {written} (shortest {format_duration(pt.shortest, wk, 'en')}); "
        f"longest path: activities {path}{note_en}"))
