"""Attack review, item 6: four eyes cannot be worked around by having someone else re-save a finding.

The first author of a finding could sign it off once a colleague had saved it again (only the last
person to change it was refused). Now nobody who recorded or changed a finding since its last sign-off
may sign it off, on the page or through the API.
"""
import pytest

from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form

BODY = {"status": "present", "stages": ["employment"]}


@pytest.fixture
def coordinators():
    org = make_org()
    return [make_user(org, "coordinator") for _ in range(3)]


def _put(client, user, case, **body):
    return client.put(f"/api/v1/cases/{case.id}/findings/isolation", headers=bearer(make_token(user)),
                      json=BODY | body)


def _sign(client, user, case):
    return client.post(f"/api/v1/cases/{case.id}/findings/isolation/signoff", headers=bearer(make_token(user)))


def test_the_first_author_may_not_sign_off_after_a_colleague_re_saved_it(client, coordinators):
    author, colleague, third = coordinators
    case = make_case(author)
    _put(client, author, case)
    saved = _put(client, colleague, case, note="Phones collected on arrival").get_json()
    assert saved["contributor_ids"] == sorted([author.id, colleague.id])
    refused = _sign(client, author, case)
    assert refused.status_code == 403 and "(four eyes)" in refused.get_json()["error"]["message"]
    assert _sign(client, colleague, case).status_code == 403
    assert _sign(client, third, case).status_code == 200


def test_the_first_author_is_refused_on_the_page_too_and_told_why(app, client, coordinators):
    author, colleague, _ = coordinators
    case = make_case(author)
    _put(client, author, case)
    _put(client, colleague, case, note="Phones collected on arrival")
    login(client, author.email)
    page = client.get(f"/cases/{case.id}/assessment").get_data(as_text=True)
    assert f"/cases/{case.id}/findings/isolation/signoff" not in page
    assert "so another coordinator signs it off (four eyes)" in page
    refused = post_form(client, f"/cases/{case.id}/assessment", f"/cases/{case.id}/findings/isolation/signoff", {})
    assert refused.status_code == 302  # back to the page, which says why (a tab opened before the change)
    again = client.get(refused.location).get_data(as_text=True)
    assert "so another coordinator signs it off (four eyes)" in again and "signed off by" not in again


def test_after_a_sign_off_the_next_round_of_changes_counts_afresh(client, coordinators):
    author, colleague, third = coordinators
    case = make_case(author)
    _put(client, author, case)
    assert _sign(client, third, case).status_code == 200
    _put(client, colleague, case, note="A new passage")  # voids the sign-off
    assert _sign(client, colleague, case).status_code == 403
    assert _sign(client, author, case).status_code == 200  # the author changed nothing since the sign-off


def test_a_sign_off_decided_on_a_finding_changed_meanwhile_is_refused(app, client, coordinators):
    """The race of the attack review: a coordinator's change commits between the sign-off's read and write."""
    import sqlalchemy as sa

    from caseapp.assessment import services as assessment
    from caseapp.errors import ServiceError
    from caseapp.extensions import db

    author, signer, _ = coordinators
    case = make_case(author)
    _put(client, author, case)
    finding = assessment.findings_of(case)["isolation"]  # the sign-off reads it: the signer changed nothing
    other = sa.create_engine(db.engine.url)
    with other.begin() as connection:  # meanwhile the signer's own change lands, from another request
        connection.execute(sa.text("UPDATE findings SET version = version + 1, changed_by_id = :me, "
                                   "contributor_ids = :who WHERE id = :id"),
                           {"me": signer.id, "who": f"[{author.id}, {signer.id}]", "id": finding.id})
    other.dispose()
    with pytest.raises(ServiceError, match="at the same moment"):
        assessment.sign_off(case, "isolation", signer)
    db.session.rollback()
    assert assessment.findings_of(case)["isolation"].signed_off is False
