"""KH: Kepatuhan hukum (legal compliance), RULES.md."""

MODULES = [
    "kh01_no_legal_basis",
    "kh02_citation_form",
    "kh03_hierarchy_order",
    "kh04_repealed",
    "kh05_other_region",
    "kh06_future_regulation",
]
