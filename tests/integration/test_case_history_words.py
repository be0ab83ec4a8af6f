"""The case history reads in words: labelled values, one entry per sitting, the latest few first."""
import re
from caseapp.assessment import services as assessment
from caseapp.cases import services as cases
from caseapp.extensions import db
from tests.factories import advance, login, make_case, make_org, make_user


def _history(app, user, case):
    client = app.test_client()
    login(client, user.email)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    section = page.split('<section id="history"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


def test_findings_statuses_and_stages_read_as_words_not_keys(app):
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    case = make_case(caseworker, sector="construction")
    assessment.record_finding(case, "withholding_of_wages", {"status": "present", "stages": ["employment", "exit"],
                                                            "note": "", "excerpt_ids": []}, caseworker)
    db.session.commit()
    advance(case, "submitted", "in_review", coordinator=coordinator)
    assessment.sign_off(case, "withholding_of_wages", coordinator)
    cases.update_case(case, {"sector": "agriculture", "country": "ES"}, coordinator, case.version)
    db.session.commit()
    text = _history(app, coordinator, case)
    assert "Withholding of wages: signed off" in text
    assert "Withholding of wages: stages: Employment, Exit" in text, text
    assert "Withholding of wages: finding: present" in text
    assert "Status: Submitted → In review" in text
    assert "Sector: Construction → Agriculture" in text and "Country: Spain" in text
    for raw in ("withholding_of_wages", "signed_off", "['employment', 'exit']", "True", "in_review"):
        assert raw not in text, raw
    assert coordinator.email not in text and coordinator.display_name in text  # people by name, as elsewhere
    assert text.index("Sector:") < text.index("Country:")  # in the form's order, not the log's key order


def test_one_sitting_is_one_entry_and_older_ones_fold_away(app, monkeypatch):
    org = make_org()
    caseworker, colleague = make_user(org, "caseworker"), make_user(org, "coordinator")
    case = make_case(caseworker)
    cases.update_case(case, {"summary": "Same sitting as the creation."}, caseworker, case.version)
    db.session.commit()
    # Saves by two people in turn are each a sitting of their own; the creation and the save just after it
    # are one.
    for number in range(7):
        cases.update_case(case, {"region": f"Region {number}"}, (colleague, caseworker)[number % 2], case.version)
        db.session.commit()
    client = app.test_client()
    login(client, caseworker.email)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    shown, folded = page.split('<details class="history-earlier">', 1)
    assert shown.count('class="sitting"') == 5
    assert '<span class="long-text">Region 6</span>' in shown and '<span class="long-text">Region 1</span>' not in shown
    assert "3 earlier changes" in folded and '<span class="long-text">Region 1</span>' in folded
    assert folded.count('class="sitting"') == 3 and "Same sitting as the creation." in folded


def test_a_word_or_a_number_typed_in_a_field_is_not_shown_to_readers_without_need_to_know(app):
    """The attack review: a removed person's name typed as the worksite ('quill') read as a code."""
    org = make_org()
    assignee, colleague = make_user(org, "caseworker"), make_user(org, "caseworker")
    case = make_case(assignee)
    for value in ("quill", "0812345678", "camp"):
        cases.update_case(case, {"worksite": value}, assignee, case.version)
        db.session.commit()
    cases.update_case(case, {"sector": "fishing"}, assignee, case.version)
    db.session.commit()
    text = _history(app, colleague, case)
    assert "quill" not in text and "0812345678" not in text
    assert "changed (the text is shown to those who may see the case's people)" in text
    assert "Fishing" in text  # codes still read, in words
    assert "quill" in _history(app, assignee, case)  # the assignee has need-to-know
