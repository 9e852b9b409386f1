"""KS: Keselarasan: an SOP is consistent with the related SOPs of the repository:
links resolve both ways, nomor and nama are unique, actor labels are written the same
way everywhere."""

MODULES = [
    "ks01_unresolved_link",
    "ks02_self_link",
    "ks03_one_way_link",
    "ks04_vague_link",
    "ks05_duplicate_sop",
    "ks06_unknown_actor_label",
    "ks07_near_duplicate_actor",
    "ks08_slug_collision",
]
