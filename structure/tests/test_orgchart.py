"""The SVG organisation chart: a pure layout of nodes."""

from xml.etree import ElementTree

from structure.orgchart import BOX_WIDTH, Node, build_forest, layout, render_svg


def test_children_sit_below_and_parents_centre_over_them():
    nodes = [Node("a", "A"), Node("b", "B", parent="a"), Node("c", "C", parent="a")]
    placed, edges, width, height = layout(build_forest(nodes))
    where = {p.node.key: p for p in placed}
    assert where["b"].y > where["a"].y and where["c"].y == where["b"].y
    centre = where["a"].x + BOX_WIDTH / 2
    assert centre == (where["b"].x + where["c"].x + BOX_WIDTH) / 2
    assert len(edges) == 2


def test_svg_is_well_formed_and_escapes_labels():
    svg = render_svg([Node("a", 'Råd <&> "x"', url="/a?b=1&c=2")], "Titel", "Beskrivning")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "Råd <&>" in "".join(root.itertext())


def test_unknown_parent_makes_a_root():
    roots = build_forest([Node("a", "A", parent="missing")])
    assert [r.key for r in roots] == ["a"]
