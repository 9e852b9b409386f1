"""BP: Berorientasi pada pengguna: a service SOP starts from the user's request, ends
by handing the result to the user, promises a time, and names people, not systems, as
actors."""

MODULES = [
    "bp01_service_start",
    "bp02_service_end",
    "bp03_non_human_actor",
    "bp04_no_service_standard",
]
