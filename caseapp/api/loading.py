"""Load a record for an API endpoint and ask whether this user may see it: 404 for a missing record and
for one the user may not see alike (another organisation's, a person without need-to-know)."""
from __future__ import annotations

from caseapp.cases import permissions as case_permissions
from caseapp.cases import services as cases
from caseapp.parties import permissions as party_permissions
from caseapp.parties import services as parties
from caseapp.persons import permissions as person_permissions
from caseapp.persons import services as persons
from caseapp.reports import permissions as report_permissions
from caseapp.reports import services as reports
from caseapp.security import require
from caseapp.sources import permissions as source_permissions
from caseapp.sources import services as sources


def load_case(case_id: int):
    case = cases.find_case(case_id)
    require(case_permissions.can_view_case, case, hide=True)
    return case


def load_party(party_id: int):
    party = parties.find_party(party_id)
    require(party_permissions.can_view_party, party, hide=True)
    return party


def load_person(person_id: int):
    person = persons.find_person(person_id)
    require(person_permissions.can_view_person, person, hide=True)
    return person


def load_source(source_id: int):
    source = sources.find_source(source_id)
    require(source_permissions.can_view_source, source, sources.citations(source), hide=True)
    return source


def load_export(export_id: int):
    export = reports.find_export(export_id)
    require(report_permissions.can_view_export, export, hide=True)
    return export
