"""KJ: Kemudahan dan kejelasan (easy and clear), RULES.md."""

MODULES = [
    "kj01_verb_first",
    "kj02_passive_voice",
    "kj03_long_activity",
    "kj04_unclear_decision",
    "kj05_hidden_decision",
    "kj06_undefined_acronym",
    "kj07_joint_activity",
    "kj08_duplicate_activity",
    "kj09_hidden_characters",
]
