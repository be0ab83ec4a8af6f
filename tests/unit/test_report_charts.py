"""Chart geometry of the portfolio report (caseapp.reports.charts)."""
from caseapp.reports import charts


def test_bars_are_scaled_to_the_largest_value():
    chart = charts.bar_chart("Cases by country", [("Russia", 4), ("Qatar", 2), ("Italy", 0)])
    widths = [bar.width for bar in chart.bars]
    full = charts.CHART_WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH
    assert widths == [full, full / 2, 0.0]
    assert [bar.y for bar in chart.bars] == [0, 22, 44] and not chart.empty


def test_an_empty_chart_says_so():
    assert charts.bar_chart("x", []).empty and charts.bar_chart("x", [("a", 0)]).empty
    assert charts.timeline("x", []).empty


def test_stacked_bars_put_each_series_after_the_previous():
    chart = charts.stacked_chart("x", ("present", "suspected"), [("isolation", {"present": 3, "suspected": 1}),
                                                                 ("debt_bondage", {"suspected": 2})])
    first = chart.bars[0]
    assert first.value == 4
    (name_a, value_a, x_a, width_a), (name_b, value_b, x_b, width_b) = first.parts
    assert (name_a, value_a, x_a) == ("present", 3, 0.0) and x_b == width_a and value_b == 1
    assert chart.bars[1].parts[0][3] == 0.0 and chart.bars[1].value == 2


def test_a_long_timeline_labels_about_a_dozen_columns():
    rows = [(str(year), year % 3) for year in range(1990, 2026)]
    chart = charts.timeline("Cases by year", rows)
    assert len(chart.columns) == 36 and len(chart.ticks) <= 12
    assert max(c.height for c in chart.columns) == charts.TIMELINE_HEIGHT
