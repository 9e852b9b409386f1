"""KU: Keterukuran (measurable): every activity carries its Mutu Baku (kelengkapan,
waktu, output), so that performance can be measured against it."""

MODULES = [
    "ku01_missing_time",
    "ku02_bad_time",
    "ku03_missing_output",
    "ku04_missing_input",
    "ku05_final_output",
]
