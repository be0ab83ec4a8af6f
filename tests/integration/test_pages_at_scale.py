"""The pages bench/pages.py loads, checked on an archive of about 1,000 cases made by the same builder
(bench/archive.py, through the services): they answer, and with what the archive holds."""
import re

import pytest
from sqlalchemy import func, select

from bench.archive import PASSWORD, Size, build
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.parties.models import CaseParty, Party
from caseapp.sources.models import Excerpt
from tests.factories import csrf_token, login


@pytest.fixture
def archive(app):
    app.config["SOURCE_ADDS_PER_USER"] = "100000 per hour"  # one person adds the whole archive
    with app.test_request_context():
        accounts = build(Size(cases=1000, sources=30, words=300, quotes=300), say=lambda line: None)
    client = app.test_client()
    login(client, accounts["caseworker"], PASSWORD)
    return client


def _rows(page: str) -> list[str]:
    body = page.split('<table class="table cases"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", body.split("<tbody>", 1)[1], flags=re.S)


def test_the_benchmarked_pages_answer_with_what_the_archive_holds(archive):
    page = archive.get("/cases").get_data(as_text=True)
    assert '<strong class="total">1000 cases</strong>' in page
    assert len(_rows(page)) == 25 and "cursor=" in page  # one page of 25, and a way to the next
    # About a thousand parties: too many for the filter to list; it says how to find one instead.
    party_select = page.split('id="f-party"', 1)[1].split("</select>", 1)[0]
    assert "Too many parties to list" in page and party_select.count("<option") == 1  # "Any" alone

    case_id, quotes = db.session.execute(
        select(Excerpt.case_id, func.count()).group_by(Excerpt.case_id).order_by(func.count().desc()).limit(1)).one()
    page = archive.get(f"/cases/{case_id}").get_data(as_text=True)
    case = db.session.get(Case, case_id)
    assert case.reference in page and page.count('class="excerpt') >= quotes

    # Too many parties to list on the case page either: found by a part of the name, then linked.
    assert "find the one to link by its name" in page and 'name="party_id"' not in page
    party = db.session.scalars(select(Party).order_by(Party.id.desc())).first()
    page = archive.get(f"/cases/{case_id}?party_q={party.name.split()[-2]}+LLC").get_data(as_text=True)
    assert f'<option value="{party.id}">' in page or f'<option selected value="{party.id}">' in page
    response = archive.post(f"/cases/{case_id}/parties", data={
        "party_id": str(party.id), "role": "buyer", "note": "", "csrf_token": csrf_token(archive, f"/cases/{case_id}")})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(CaseParty).where(
        CaseParty.case_id == case_id, CaseParty.party_id == party.id, CaseParty.role == "buyer")) == 1

    page = archive.get("/search?q=guards+wages").get_data(as_text=True)
    assert "<mark>guards</mark>" in page and "<mark>wages</mark>" in page

    response = archive.get("/cases?country=RU&sector=construction")
    wanted = db.session.scalar(select(func.count()).select_from(Case).where(Case.country == "RU",
                                                                              Case.sector == "construction"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f"{wanted} case" in page
    assert all("<td>Russia</td>" in row and "<td>Construction</td>" in row for row in _rows(page))
