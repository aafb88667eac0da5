"""The structure as a picture: an SVG organisation chart generated from the data (R-K2).

Pure layout: nodes in, SVG text out. Each node's box sits centred over the boxes of the groups
that report to it (a simple tidy tree: a subtree is as wide as its leaves). Boxes are links, and
the SVG carries a title and description; the page also shows the same tree as a nested list,
which is the text alternative for screen readers and small screens.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

BOX_WIDTH = 168
BOX_HEIGHT = 60  # the least height; a chart whose labels need three lines gets taller boxes
H_GAP = 12
V_GAP = 40
MARGIN = 12
# 13 px semibold: about 8 px a character, so 18 characters leave a margin inside a 168 px box.
LINE_CHARS = 18
LINE_HEIGHT = 17
BOX_PADDING = 10
MAX_LINES = 3
# Presentation attributes, not a <style> element: a Content-Security-Policy without
# 'unsafe-inline' blocks <style> in the page and in the standalone file alike, and attributes
# keep the chart readable on its own (organisationsschema.svg). Colours meet WCAG AA; the
# hover and focus look of the boxes on the page is in static/css/site.css (.orgchart).
BOX_PAINT = {
    "group": 'fill="#ffffff" stroke="#1d4f91" stroke-width="1.5"',
    "principals": 'fill="#e8f0fb" stroke="#1d4f91" stroke-width="1.5"',
    "summary": 'fill="#f4f4f4" stroke="#1d4f91" stroke-width="1.5" stroke-dasharray="4 3"',
}
LABEL_PAINT = 'font-family="system-ui, sans-serif" font-size="13" font-weight="600" fill="#1a202c"'


@dataclass
class Node:
    key: str
    label: str
    url: str = ""
    parent: str | None = None
    style: str = "group"  # group | principals | summary
    note: str = ""
    beside: bool = False  # drawn beside its parent (a working committee), not below
    children: list[Node] = field(default_factory=list)
    sidecars: list[Node] = field(default_factory=list)


@dataclass
class Placed:
    node: Node
    x: float
    y: float


def build_forest(nodes: list[Node]) -> list[Node]:
    """Link nodes to their parents, keeping input order; unknown parents make a node a root."""
    by_key = {n.key: n for n in nodes}
    for node in nodes:
        node.children = []
        node.sidecars = []
    roots = []
    for node in nodes:
        parent = by_key.get(node.parent) if node.parent else None
        if parent is None:
            roots.append(node)
        elif node.beside:
            parent.sidecars.append(node)
        else:
            parent.children.append(node)
    return roots


def _leaves(node: Node) -> int:
    """Slots a subtree needs; a node with a box beside it needs room for that box too."""
    own = 1 + 2 * len(node.sidecars)
    return max(own, sum(_leaves(c) for c in node.children))


def layout(
    roots: list[Node], box_height: float = BOX_HEIGHT
) -> tuple[list[Placed], list[tuple[Placed, Placed]], float, float]:
    placed: list[Placed] = []
    edges: list[tuple[Placed, Placed]] = []
    slot = BOX_WIDTH + H_GAP

    def place(node: Node, left_slot: float, depth: int) -> Placed:
        width = _leaves(node)
        # centre of a span of slots = midway between its first and last slot's centres
        centre_slot = left_slot + (width - 1) / 2
        x = MARGIN + centre_slot * slot
        y = MARGIN + depth * (box_height + V_GAP)
        me = Placed(node, x, y)
        placed.append(me)
        for index, sidecar in enumerate(node.sidecars, start=1):
            beside = Placed(sidecar, x + index * slot, y)
            placed.append(beside)
            edges.append((me, beside))
        offset = left_slot
        for child in node.children:
            edges.append((me, place(child, offset, depth + 1)))
            offset += _leaves(child)
        return me

    offset = 0
    for root in roots:
        place(root, offset, 0)
        offset += _leaves(root)
    depth = max((p.y for p in placed), default=0)
    width = MARGIN * 2 + offset * slot - H_GAP
    height = depth + box_height + MARGIN
    return placed, edges, width, height


def _lines(label: str) -> list[str]:
    lines = textwrap.wrap(label, LINE_CHARS, break_long_words=False) or [label]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1].rstrip(".,") + "…"
    return lines


def box_height_for(nodes: list[Node]) -> float:
    """Every box is as tall as the longest label needs, so no line is clipped or overlaps."""
    lines = max((len(_lines(n.label)) for n in nodes), default=1)
    return max(BOX_HEIGHT, 2 * BOX_PADDING + lines * LINE_HEIGHT)


def render_svg(nodes: list[Node], title: str, description: str) -> str:
    box_height = box_height_for(nodes)
    placed, edges, width, height = layout(build_forest(nodes), box_height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="group" class="orgchart" '
        f'aria-labelledby="orgchart-title orgchart-desc">',
        f'<title id="orgchart-title">{escape(title)}</title>',
        f'<desc id="orgchart-desc">{escape(description)}</desc>',
        '<g class="edges" aria-hidden="true">',
    ]
    for parent, child in edges:
        if child.node.beside:
            y = parent.y + box_height / 2
            path = f"M{parent.x + BOX_WIDTH:.0f},{y:.0f} H{child.x:.0f}"
        else:
            x1 = parent.x + BOX_WIDTH / 2
            y1 = parent.y + box_height
            x2 = child.x + BOX_WIDTH / 2
            mid = (y1 + child.y) / 2
            path = f"M{x1:.0f},{y1:.0f} V{mid:.0f} H{x2:.0f} V{child.y:.0f}"
        out.append(f'<path d="{path}" fill="none" stroke="#4a5568" stroke-width="1.5"/>')
    out.append("</g>")
    for p in placed:
        lines = _lines(p.node.label)
        # Lines are centred as a block; a line's baseline sits 0.35 em below its middle. The
        # lines are separated by a space, so the link's visible text reads as the label does.
        top = p.y + (box_height - len(lines) * LINE_HEIGHT) / 2
        tspans = " ".join(
            f'<tspan x="{p.x + BOX_WIDTH / 2:.0f}" '
            f'y="{top + (i + 0.5) * LINE_HEIGHT + 4.5:.1f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        tooltip = p.node.label + (f" – {p.node.note}" if p.node.note else "")
        box = (
            f'<rect x="{p.x:.0f}" y="{p.y:.0f}" width="{BOX_WIDTH}" height="{box_height:.0f}" '
            f'rx="6" '
            f'class="node node-{p.node.style}" {BOX_PAINT[p.node.style]}/>'
            f'<text text-anchor="middle" class="label" {LABEL_PAINT}>{tspans}</text>'
        )
        if p.node.url:
            out.append(
                f"<a href={quoteattr(p.node.url)} aria-label={quoteattr(tooltip)}>"
                f"<title>{escape(tooltip)}</title>{box}</a>"
            )
        else:
            out.append(f"<g><title>{escape(tooltip)}</title>{box}</g>")
    out.append("</svg>")
    return "\n".join(out)
