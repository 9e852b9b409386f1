"""E: source errors, reported by the loader (no check function)."""

MODULES = [
    "e001_yaml_syntax",
    "e002_unknown_key",
    "e003_missing_key",
    "e004_bad_value",
    "e005_duplicate_key",
    "e006_bad_target",
    "e007_too_large",
    "e008_duplicate_id",
]
