"""The entity co-occurrence graph and its layout, computed in Python so the page only draws points.

The layout (``spring_layout``) is deterministic, so the same marts always give the same picture, and
needs no graph library: a report holds a few dozen nodes, for which the plain O(n²) loop takes
milliseconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from flows.report.data import Row

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# A shared event is direct evidence of a relation; sharing an article is weaker (long articles name many).
EVENT_WEIGHT = 3
REPULSION = 2.0


@dataclass(frozen=True)
class Node:
    entity_id: str
    name: str
    entity_type: str
    article_count: int
    mention_count: int
    degree: float  # sum of the weights of its links inside the drawn graph
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    articles: int
    events: int

    @property
    def weight(self) -> int:
        return self.articles + EVENT_WEIGHT * self.events


@dataclass(frozen=True)
class Graph:
    nodes: list[Node]
    edges: list[Edge]

    def central(self, n: int = 4) -> list[Node]:
        """The ``n`` nodes nearest the centre of the layout."""
        return sorted(self.nodes, key=lambda node: (math.hypot(node.x, node.y), node.name))[:n]


def build_graph(entities: list[Row], pairs: list[Row], max_nodes: int = 30) -> Graph:
    """Keep the ``max_nodes`` most mentioned entities that have a link, then lay them out."""
    linked = {p["source"] for p in pairs} | {p["target"] for p in pairs}
    ranked = [e for e in entities if e["entity_id"] in linked]
    ranked.sort(key=lambda e: (-e["article_count"], -e["mention_count"], e["canonical_name"]))
    keep = {e["entity_id"]: e for e in ranked[:max_nodes]}
    edges = [
        Edge(p["source"], p["target"], int(p["articles"]), int(p["events"]))
        for p in pairs
        if p["source"] in keep and p["target"] in keep
    ]
    degree = dict.fromkeys(keep, 0.0)
    for edge in edges:
        degree[edge.source] += edge.weight
        degree[edge.target] += edge.weight
    order = sorted(keep, key=lambda i: (-degree[i], keep[i]["canonical_name"]))
    positions = spring_layout(order, {(e.source, e.target): float(e.weight) for e in edges})
    nodes = [
        Node(
            entity_id=i,
            name=keep[i]["canonical_name"],
            entity_type=keep[i]["entity_type"],
            article_count=int(keep[i]["article_count"]),
            mention_count=int(keep[i]["mention_count"]),
            degree=degree[i],
            x=positions[i][0],
            y=positions[i][1],
        )
        for i in order
    ]
    return Graph(nodes, edges)


def spring_layout(
    nodes: list[str], weights: dict[tuple[str, str], float], iterations: int = 300
) -> dict[str, tuple[float, float]]:
    """Positions in the unit disc: the better connected a node, the nearer the centre; links pull together.

    A radial spring layout. Each node's distance from the centre is fixed by its rank in total link
    weight (rank r of n sits at radius sqrt((r + 0.5) / n), so rings hold equal numbers of nodes and
    the hubs form the middle); Fruchterman–Reingold forces (linked nodes attract, heavier links more,
    all nodes repel) choose the angles, so entities that appear together sit on the same side. Plain
    force layouts scatter the hubs of a dense graph; pinning the radius keeps the answer to "who is
    central" readable.
    """
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    links = [(index[a], index[b], w) for (a, b), w in weights.items() if a in index and b in index and a != b]
    strength = [0.0] * n
    for i, j, w in links:
        strength[i] += w
        strength[j] += w
    rank = sorted(range(n), key=lambda i: (-strength[i], i))
    target = [0.0] * n
    for r, i in enumerate(rank):
        target[i] = math.sqrt((r + 0.5) / n)
    # Sunflower start on the target rings: deterministic, and no two nodes begin in the same place.
    pos = [[0.0, 0.0] for _ in range(n)]
    for r, i in enumerate(rank):
        pos[i] = [target[i] * math.cos(r * GOLDEN_ANGLE), target[i] * math.sin(r * GOLDEN_ANGLE)]
    top = max((w for *_, w in links), default=1.0)
    k = 1.6 / math.sqrt(n)  # ideal distance between linked nodes in a square of side 2
    temperature = 0.2
    for step in range(iterations):
        shift = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                dist = max(math.hypot(dx, dy), 1e-3)
                push = REPULSION * k * k / dist
                shift[i][0] += dx / dist * push
                shift[i][1] += dy / dist * push
                shift[j][0] -= dx / dist * push
                shift[j][1] -= dy / dist * push
        for i, j, w in links:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = max(math.hypot(dx, dy), 1e-3)
            pull = dist * (0.2 + w / top)  # linear: on fixed rings, a quadratic pull folds everything to one side
            shift[i][0] -= dx / dist * pull
            shift[i][1] -= dy / dist * pull
            shift[j][0] += dx / dist * pull
            shift[j][1] += dy / dist * pull
        for i in range(n):
            length = max(math.hypot(*shift[i]), 1e-9)
            move = min(length, temperature)
            x, y = pos[i][0] + shift[i][0] / length * move, pos[i][1] + shift[i][1] / length * move
            radius = math.hypot(x, y) or 1e-9
            pos[i] = [x / radius * target[i], y / radius * target[i]]  # back onto its ring
        temperature = 0.2 * (1 - (step + 1) / iterations) + 0.002
    return {node: (pos[i][0], pos[i][1]) for node, i in index.items()}
