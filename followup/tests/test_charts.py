"""The SVG charts: readable without JavaScript or inline styles, with escaped text."""

from followup import charts


def test_a_bar_chart_has_a_title_axis_labels_and_no_inline_style():
    svg = charts.bar_chart(
        title="Kallelser i tid", labels=[2024, 2025], values=[50, 80], y_label="Procent"
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="diagram-' in svg and ">Kallelser i tid</title>" in svg
    assert ">Procent</text>" in svg and ">År</text>" in svg
    assert "style=" not in svg and "<script" not in svg


def test_a_missing_value_is_a_dash_not_a_zero_bar():
    svg = charts.bar_chart(title="t", labels=[2024, 2025], values=[None, 10], y_label="Dagar")
    assert svg.count("<rect") == 1
    assert ">–</text>" in svg


def test_text_in_a_chart_is_escaped():
    svg = charts.line_chart(
        title="<script>x</script>", labels=[1], series=[("A & B", [1])], y_label="y"
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "A &amp; B" in svg


def test_the_y_axis_ends_on_a_round_number():
    assert charts._scale_max([4.9], None) == 8
    assert charts._scale_max([140], None) == 200
    assert charts._scale_max([83], 100) == 100


def test_the_target_line_is_drawn_and_named():
    svg = charts.bar_chart(title="t", labels=["E1"], values=[80], y_label="%", target=75)
    assert 'stroke-dasharray="6 4"' in svg and "Mål: 75" in svg
