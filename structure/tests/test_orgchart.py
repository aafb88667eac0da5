"""The SVG organisation chart: a pure layout of nodes."""

from xml.etree import ElementTree

from structure.orgchart import BOX_WIDTH, LINE_HEIGHT, Node, build_forest, layout, render_svg


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


def test_a_working_committee_sits_beside_its_parent_on_the_same_row():
    nodes = [
        Node("lsg", "LSG"),
        Node("au", "LSG AU", parent="lsg", beside=True),
        Node("b", "Beredning", parent="lsg"),
    ]
    placed, edges, _, _ = layout(build_forest(nodes))
    where = {p.node.key: p for p in placed}
    assert where["au"].y == where["lsg"].y
    assert where["au"].x > where["lsg"].x + BOX_WIDTH
    assert where["b"].y > where["lsg"].y
    assert len(edges) == 2


def test_no_boxes_overlap_in_the_real_structure(structure):
    import datetime

    from structure import county
    from structure.selectors import chart_nodes

    nodes = chart_nodes(datetime.date(2026, 11, 25), county.current())
    placed, _, width, _ = layout(build_forest(nodes))
    boxes = sorted((p.y, p.x) for p in placed)
    for (y1, x1), (y2, x2) in zip(boxes, boxes[1:], strict=False):
        if y1 == y2:
            assert x2 - x1 >= BOX_WIDTH, (x1, x2)
    assert min(p.x for p in placed) >= 0
    assert max(p.x for p in placed) + BOX_WIDTH <= width


def test_every_label_line_keeps_its_own_space_inside_its_box():
    nodes = [
        Node("a", "Kort"),
        Node("b", "AG psykisk hälsa barn och unga", parent="a"),
        Node("c", "Samverkansråd patientsäkerhet och läkemedel", parent="a"),
    ]
    root = ElementTree.fromstring(render_svg(nodes, "Titel", "Beskrivning"))
    ns = "{http://www.w3.org/2000/svg}"
    for link in root.iter(f"{ns}g"):
        rect = link.find(f"{ns}rect")
        if rect is None:
            continue
        top, bottom = float(rect.get("y")), float(rect.get("y")) + float(rect.get("height"))
        baselines = [float(t.get("y")) for t in link.iter(f"{ns}tspan")]
        assert all(b2 - b1 >= LINE_HEIGHT for b1, b2 in zip(baselines, baselines[1:], strict=False))
        # room for the first line's ascenders and the last line's descenders
        assert baselines[0] - 10 >= top and baselines[-1] + 4 <= bottom


def test_a_wrapped_label_reads_with_a_space_between_its_lines():
    svg = render_svg([Node("a", "AG psykisk hälsa barn och unga", url="/a/")], "T", "B")
    text = ElementTree.fromstring(svg).find(".//{http://www.w3.org/2000/svg}text")
    assert " ".join("".join(text.itertext()).split()) == "AG psykisk hälsa barn och unga"


def test_the_chart_is_painted_with_attributes_so_a_strict_csp_cannot_strip_it():
    svg = render_svg([Node("a", "A", url="/a/", style="summary")], "T", "B")
    root = ElementTree.fromstring(svg)
    assert root.find(".//{http://www.w3.org/2000/svg}style") is None
    rect = root.find(".//{http://www.w3.org/2000/svg}rect")
    assert rect.get("fill") == "#f4f4f4" and rect.get("stroke-dasharray") == "4 3"
