"""F: flowchart correctness (the format itself)."""

MODULES = [
    "f001_unreachable",
    "f002_no_way_out",
    "f003_decision_branches",
    "f004_terminal_decision",
    "f005_self_loop",
    "f006_unused_actor",
    "f007_number_target",
    "f008_jenis_mismatch",
]
