"""DN: Dinamis: an SOP is kept current: its dates are consistent, it is reviewed
periodically, and a changed procedure gets a new revision date."""

MODULES = [
    "dn01_date_order",
    "dn02_review_due",
    "dn03_future_date",
    "dn04_changed_since_effective",
]
