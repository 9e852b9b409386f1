"""The flow as the layout sees it: activities with their wrapped texts and exits
(``Act``), drawn edges (``XEdge``), and per page the symbols and off-page connectors
as nodes (``Node``), the row slots with their obstacles (``Slot``) and the edges to
route on that page (``LocalEdge``), with the points where they leave and enter."""

from __future__ import annotations

from dataclasses import dataclass, field

from sopc.layout.geometry import Box


@dataclass
class Act:
    index: int
    kind: str
    lanes: list[int]
    texts: dict[str, list[str]]
    h: float
    drawn: list[tuple[int, int]] = field(default_factory=list)    # (edge no, target)
    question: str = ""
    ports: dict[int, str] = field(default_factory=dict)           # edge no -> port name
    size: float = 8.0                                             # cell text size
    shape: tuple = ()             # a decision's (width, height, question lines)


@dataclass
class XEdge:
    """A drawn edge (target inside the SOP)."""
    src: int
    k: int
    tgt: int
    label: str | None
    port: str
    src_lane: int
    tgt_lane: int

    @property
    def forward(self) -> bool:
        return self.tgt > self.src


# --------------------------------------------------------------------------- page model

@dataclass
class Node(Box):
    ref: str
    kind: str                   # symbol kind or "offpage"
    slot: int
    x: float
    y: float
    w: float
    h: float
    lane: int


@dataclass
class Slot:
    y0: float
    y1: float
    kind: str
    sym_top: float = 0.0
    sym_bot: float = 0.0
    obstacles: list = field(default_factory=list)   # (kind, x0, y0, x1, y1)


@dataclass
class LocalEdge:
    key: tuple[int, int]
    src: Node
    port: str                   # "bottom", "right", "left", "extraN", "down"(tip), "up"(top)
    tgt: Node
    entry: str                  # "top" | "bottom" | "right" | "left" | "merge" (into the
                                # last segment of another edge to the same target, at Q's x)
    label: str | None
    back: bool
    P: tuple[float, float] = (0.0, 0.0)
    pdir: str = "down"
    Q: tuple[float, float] = (0.0, 0.0)
    entry_dx: float = 0.0
    joins: list[float] = field(default_factory=list)   # entry "merge": the levels where it may join


def node_activity(node: Node) -> int | None:
    """The activity of a symbol node ("s<activity>.<lane>"), None for an off-page node."""
    return int(node.ref[1:].split(".")[0]) if node.ref.startswith("s") else None


def exit_point(node: Node, port: str) -> tuple[tuple[float, float], str]:
    cx, cy = node.cx, node.cy
    if node.kind == "offpage":
        if port == "up":
            return (cx, node.y), "up"
        return (cx, node.y + node.h), "down"
    if port == "bottom":
        return (cx, node.y + node.h), "down"
    if port == "right":
        return (node.x + node.w, cy), "right"
    if port == "left":
        return (node.x, cy), "left"
    # extraN: further exits along the bottom
    n = int(port[5:] or 1)
    hw, hh = node.w / 2, node.h / 2
    step = min(6.0, hw * 0.8 / max(1, (n + 1) // 2))
    dx = ((n + 1) // 2) * step * (1 if n % 2 else -1)
    dx = max(-0.8 * hw, min(0.8 * hw, dx))
    if node.kind == "decision":
        return (cx + dx, cy + hh * (1 - abs(dx) / hw)), "down"
    return (cx + dx, node.y + node.h), "down"


def entry_point(node: Node, entry: str, dx: float) -> tuple[float, float]:
    if entry in ("right", "left"):      # dx is the vertical offset from the centre
        dy = dx
        sgn = 1 if entry == "right" else -1
        if node.kind in ("start", "end", "terminal"):
            r = node.h / 2
            dy = max(-r * 0.9, min(r * 0.9, dy))
            return (node.cx + sgn * (node.w / 2 - r + (r * r - dy * dy) ** 0.5), node.cy + dy)
        return (node.cx + sgn * node.w / 2, node.cy + dy)
    if node.kind == "offpage":
        return (node.cx, node.y + node.h) if entry == "bottom" else (node.cx, node.y)
    if node.kind == "decision":
        hw, hh = node.w / 2, node.h / 2
        return (node.cx + dx, node.cy - hh * (1 - abs(dx) / hw))
    return (node.cx + dx, node.y)


def entry_room(node: Node) -> float:
    if node.kind == "decision":
        return node.w / 2 * 0.6
    if node.kind in ("start", "end", "terminal"):
        return max(0.0, (node.w - node.h) / 2 - 0.5)
    return max(0.0, node.w / 2 - 2.0)
