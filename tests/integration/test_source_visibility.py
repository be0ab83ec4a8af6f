"""Who sees a source is decided twice: in SQL for lists, by `can_view_source` for one source. They agree."""
import pytest

from caseapp.cases import review
from caseapp.extensions import db
from caseapp.sources import evidence
from caseapp.sources import permissions
from caseapp.search.sources import list_sources
from caseapp.sources import services as sources
from tests.factories import advance, make_case, make_org, make_user


def _source(user, title, *cases):
    source = sources.add_from_paste(f"Workers told us about {title}.", {"title": title}, None, user).source
    db.session.flush()
    for case in cases:
        evidence.create_excerpt(source, case, {"quote": "Workers told us"}, case.assignee)
    return source


@pytest.fixture
def sources_of_every_kind():
    org = make_org()
    people = {name: make_user(org, role) for name, role in [
        ("assignee", "caseworker"), ("colleague", "caseworker"), ("coordinator", "coordinator"),
        ("advocate", "advocate"), ("admin", "admin")]}
    assignee = people["assignee"]
    draft = make_case(assignee, title="Draft")
    verified = make_case(assignee, title="Verified")
    restricted = make_case(assignee, title="Restricted", confidentiality="restricted")
    gone = make_case(assignee, title="Deleted")
    made = [
        _source(assignee, "nothing cites"),
        _source(people["colleague"], "the colleague's, uncited"),
        _source(assignee, "a draft", draft),
        _source(assignee, "a verified case", verified),
        _source(assignee, "a restricted case", restricted),
        _source(assignee, "a deleted case", gone),
        _source(people["colleague"], "the colleague's, cited by a restricted case", restricted),
    ]
    advance(verified, "submitted", "in_review", "verified", coordinator=people["coordinator"])  # cited first
    review.delete_draft(gone, assignee)
    stranger = make_user(make_org(), "coordinator")
    made.append(_source(stranger, "another organisation's"))
    db.session.commit()
    return people | {"stranger": stranger}, made


@pytest.mark.parametrize("who", ["assignee", "colleague", "coordinator", "advocate", "admin", "stranger"])
def test_the_list_and_the_predicate_agree_on_every_source(app, sources_of_every_kind, who):
    people, made = sources_of_every_kind
    user = people[who]
    listed = {s.id for s in list_sources(user, None, None, 100).items}
    assert {s.id for s in list_sources(user, "workers", None, 100).items} == listed  # the words change nothing
    decided = {s.id for s in made if permissions.can_view_source(user, s, sources.citations(s))}
    titles = {s.id: s.title for s in made}
    assert sorted(titles[i] for i in listed & set(titles)) == sorted(titles[i] for i in decided)


def test_a_restricted_case_keeps_its_sources_from_a_colleague(app, sources_of_every_kind):
    people, made = sources_of_every_kind
    by_title = {s.title: s for s in made}
    colleague = people["colleague"]
    hidden = by_title["a restricted case"]
    assert not permissions.can_view_source(colleague, hidden, sources.citations(hidden))
    own = by_title["the colleague's, cited by a restricted case"]
    assert permissions.can_view_source(colleague, own, sources.citations(own))  # they added it


def test_advocates_see_only_the_sources_of_verified_cases(app, sources_of_every_kind):
    people, made = sources_of_every_kind
    advocate = people["advocate"]
    seen = [s.title for s in made if permissions.can_view_source(advocate, s, sources.citations(s))]
    assert seen == ["a verified case"]
