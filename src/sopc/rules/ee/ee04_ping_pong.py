"""Efisiensi dan efektivitas: work that bounces between the same two officials
(A → B → A → B) without any decision in between is a sign of needless hand-offs: the
steps of one actor can usually be done together.

Fails (no decision among the four):

    - uraian: Menyusun konsep surat          # Staf
    - uraian: Memaraf konsep surat           # Kasubbag
    - uraian: Mengetik ulang konsep surat    # Staf
    - uraian: Menandatangani surat           # Kasubbag

Passes: the same work with the Staf's two steps merged, or with the review drawn as a
decision ("Konsep sesuai?") whose branch returns to the Staf."""

from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding

CODE = "EE04"
NAME = "ping-pong"
LEVEL = Level.INFO
OPTIONS: dict = {}
TITLE = msg("Alur bolak-balik antarpelaksana", "Ping-pong between two actors")


def check(sop, ctx, options):
    acts = sop.kegiatan
    n = len(acts)
    # the single actor of each non-decision activity (None for decisions and joint rows)
    actor = [a.pelaksana[0] if len(a.pelaksana) == 1 and not a.cabang else None for a in acts]
    succ = [[e.target for e in a.edges if e.target is not None and 0 <= e.target < n] for a in acts]
    covered: set[tuple[int, int]] = set()   # edges already inside a reported run
    for a in acts:
        x = actor[a.index]
        if x is None:
            continue
        for b in succ[a.index]:
            y = actor[b]
            if y is None or y == x or (a.index, b) in covered:
                continue
            chain = [a.index, b]
            in_chain = {a.index, b}
            # follow the single flow of non-decisions while the actors alternate
            cur, want = b, x
            while True:
                nxt = succ[cur]
                if len(nxt) != 1 or nxt[0] in in_chain:
                    break
                c = nxt[0]
                if actor[c] != want:
                    break
                chain.append(c)
                in_chain.add(c)
                cur, want = c, (y if want == x else x)
            if len(chain) < 4:
                continue
            covered.update(zip(chain, chain[1:]))
            nums = " → ".join(str(i + 1) for i in chain)
            lx, ly = sop.actor_label(x), sop.actor_label(y)
            yield Finding(a.at("pelaksana"), msg(
                f"alur bolak-balik antara {lx} dan {ly} tanpa keputusan (kegiatan {nums}); "
                "satukan kegiatan berurutan pada pelaksana yang sama atau gambarkan pemeriksaannya sebagai keputusan",
                f"the flow bounces between {lx} and {ly} without a decision (activities {nums}); "
                "merge each actor's steps or draw the review as a decision"), a)
