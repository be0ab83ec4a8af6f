import pytest

from caseapp.transfer import csv_format as f


@pytest.mark.parametrize("cell", ["=SUM(A1:A9)", "+1", "-cmd", "@import", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_are_neutralised_and_restored(cell):
    assert f.neutralise(cell) == "'" + cell
    assert f.restore(f.neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Plain text", "2018-05", "'quoted on purpose", ""])
def test_other_cells_are_left_alone(cell):
    assert f.neutralise(cell) == cell and f.restore(cell) == cell


def test_a_case_survives_a_row_and_back():
    case = {"title": "=HYPERLINK(\"http://evil\")", "sector": "fishing", "country": "TH", "period_start": "2023",
            "worker_groups": [{"origin": "MM", "count_min": 22, "count_max": 22, "count_qualifier": "exact",
                               "children_involved": False}],
            "conditions": {"daily_hours": 20, "phones_taken": True, "daily_hours_note": "-20h shifts"},
            "parties": [{"role": "employer", "name": "Andaman Blue"}, {"role": "recruiter", "name": "Golden Road"}]}
    row = f.case_to_row(case, {"reference": "X-1"})
    assert row["title"].startswith("'=") and row["conditions.daily_hours_note"] == "'-20h shifts"
    back = f.row_to_case(row, 1)
    assert back["title"] == case["title"] and back["period_start"] == "2023"
    assert back["worker_groups"] == [{"origin": "MM", "count_min": 22, "count_max": 22,
                                      "count_qualifier": "exact", "children_involved": False}]
    assert back["conditions"] == {"daily_hours": 20, "phones_taken": True, "daily_hours_note": "-20h shifts"}
    assert back["parties"] == case["parties"]


def test_bad_cells_name_their_row_and_column():
    with pytest.raises(f.RowError) as caught:
        f.read_csv("title,conditions.daily_hours\nA,12\nB,twelve\n")
    assert (caught.value.row, caught.value.field) == (2, "conditions.daily_hours")
    with pytest.raises(f.RowError) as caught:
        f.read_csv("title,shoe_size\nA,42\n")
    assert caught.value.field == "header"


def test_the_template_is_the_import_header():
    assert f.template_csv().strip().split(",")[:3] == ["title", "summary", "confidentiality"]


@pytest.mark.parametrize("raw", ["٣", "３", "3_0", "1e3", "nan", "+3", "1,20", "12.5.1"])
def test_import_numbers_are_ascii_digits_only(raw):
    from caseapp.transfer.csv_format import RowError, _number

    with pytest.raises(RowError):
        _number(raw, "worker_count_min", 1, whole=True)


@pytest.mark.parametrize("raw, whole, value", [("1200", True, 1200), ("1,200", True, 1200), (" 7 ", True, 7),
                                               ("1,200.50", False, 1200.5), ("12.5", False, 12.5)])
def test_import_numbers_as_spreadsheets_write_them(raw, whole, value):
    from caseapp.transfer.csv_format import _number

    assert _number(raw, "column", 1, whole) == value
