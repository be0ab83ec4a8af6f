"""/api/v1/search: the whole archive by its words, with facets."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.openapi import INTEGER, LIST_PARAMETERS, search
from caseapp.api.operations import LIST, answer, described
from caseapp.assessment.outcomes import OUTCOMES
from caseapp.auth.roles import CASE_READERS
from caseapp.cases.vocab import SECTORS, STATUSES
from caseapp.ilo.catalogue import IDS
from caseapp.pagination import parse_limit
from caseapp.search import everything, permissions
from caseapp.security import require, roles

WORDS = search("Words to find (required for any result). Words must all be there, \"exact phrases\" word for word, "
               "-word must not be, prefix* finds the words that start with it; case and accents are ignored, three "
               "letters of a word of a title are enough. A query that cannot be read is 422 naming `q`.")
FILTERS = [
    {"name": "kind", "in": "query", "schema": {"type": "string", "enum": list(everything.KINDS)},
     "description": "Only results of this kind (excerpt: a quote)."},
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": list(STATUSES)},
     "description": "Results belonging to a case with this status (a source: cited by one; a party: linked to one)."},
    {"name": "country", "in": "query", "schema": {"type": "string"}, "description": "ISO 3166-1 alpha-2, as status"},
    {"name": "sector", "in": "query", "schema": {"type": "string", "enum": list(SECTORS)}, "description": "As status"},
    {"name": "indicator", "in": "query", "schema": {"type": "string", "enum": list(IDS)},
     "description": "Results belonging to a case where this ILO indicator is present or suspected."},
    {"name": "determination", "in": "query", "schema": {"type": "string", "enum": list(OUTCOMES)},
     "description": "Results belonging to a case whose findings give this determination of forced labour."},
    {"name": "party_id", "in": "query", "schema": INTEGER,
     "description": "Results belonging to a case that links this party."},
    {"name": "language", "in": "query", "schema": {"type": "string"},
     "description": "Sources in this language, and quotes from them."},
    {"name": "year", "in": "query", "schema": INTEGER,
     "description": "A case's first year (for cases, their quotes and comments, and the parties they link) or a "
                    "source's year of publication."},
]


@blueprint.get("/search")
@roles(*CASE_READERS)
@described("Search cases, sources, quotes, parties and comments", tag="Search", model=responses.SearchAnswer,
           reply="A page of results, newest first, and the facets of all of them",
           parameters=[WORDS, *FILTERS, *LIST_PARAMETERS], errors=LIST,
           query_example={"q": "passports barracks", "kind": "excerpt"})
def search_everything():
    require(permissions.can_search)
    found = everything.search(current_user, request.args.get("q", ""), everything.filters_from(request.args),
                              request.args.get("cursor"), parse_limit(request.args.get("limit")))
    return answer(responses.SearchAnswer.of(found))
