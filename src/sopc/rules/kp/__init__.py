"""KP: Kepastian hukum (legal certainty), RULES.md."""

MODULES = [
    "kp01_bad_nip",
    "kp02_nomor_form",
    "kp03_unsigned",
]
