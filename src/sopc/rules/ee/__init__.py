"""EE: Efisiensi dan efektivitas: the standardised procedure is the shortest and
fastest way to the result, with the fewest hand-offs."""

MODULES = [
    "ee01_too_many_activities",
    "ee02_over_time_limit",
    "ee03_too_many_actors",
    "ee04_ping_pong",
]
