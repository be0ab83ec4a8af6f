"""The search page: the whole archive by its words, results by kind, with facets to narrow them."""
from __future__ import annotations

from flask import Blueprint, flash, render_template, request, url_for
from babel import Locale, UnknownLocaleError
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from caseapp.assessment.labels import DETERMINATIONS, translated
from caseapp.auth.roles import CASE_READERS
from caseapp.errors import ServiceError
from caseapp.pagination import parse_limit
from caseapp.protection.disclosure import typed
from caseapp.search import everything, permissions, syntax
from caseapp.security import require, roles

blueprint = Blueprint("search", __name__)
PER_KIND = 5  # results of each kind shown before "all N cases"


@blueprint.get("/search")
@roles(*CASE_READERS)
def index():
    require(permissions.can_search)
    q = request.args.get("q", "").strip()
    try:
        filters = everything.filters_from(request.args)
        limit = parse_limit(request.args.get("limit"))
        if filters.kind:
            groups = None
            found = everything.search(current_user, q, filters, request.args.get("cursor"), limit)
        else:
            groups, found = everything.grouped(current_user, q, filters, PER_KIND)
    except ServiceError as error:
        label = _field_labels().get(error.field or "")
        flash(f"{label}: {error.translated(_)}" if label else error.translated(_), "error")
        return render_template("search/index.html", q=q, filters=everything.SearchFilters(), found=None,
                               groups=None, has_words=True, **_words()), 422
    return render_template("search/index.html", q=q, filters=filters, found=found, groups=groups,
                           has_words=bool(syntax.parse(q).terms), **_words())


def _field_labels() -> dict[str, str]:
    return {"q": _("Search"), "kind": _("Kind"), "status": _("Status"), "country": _("Country"),
            "sector": _("Sector"), "indicator": _("Indicator"), "determination": _("Determination"),
            "party_id": _("Party"), "language": _("Language"), "year": _("Year"), "limit": _("Results per page"),
            "cursor": _("Page")}


def _words() -> dict:
    return {
        "kind_names": {"case": _("Cases"), "source": _("Sources"), "excerpt": _("Quotes"), "party": _("Parties"),
                       "comment": _("Comments")},
        "facet_names": {"kind": _("Kind"), "status": _("Status"), "country": _("Country"), "sector": _("Sector"),
                        "indicator": _("Indicator present or suspected"), "determination": _("Determination"),
                        "party": _("Party"), "language": _("Source language"), "year": _("Year")},
        "kind_name": {"case": _("Case"), "source": _("Source"), "excerpt": _("Quote"), "party": _("Party"),
                      "comment": _("Comment")},
        "verdicts": translated(DETERMINATIONS, _),
        "per_kind": PER_KIND,
    }


# The filter each facet sets in the URL (a party is chosen by its id).
FACET_PARAMETERS = {"party": "party_id"}


@blueprint.app_template_global()
def search_url(filters: everything.SearchFilters | None, q: str, **changes) -> Markup:
    """The search page's address with these filters changed (None takes one off)."""
    wanted = dict(filters.as_query()) if filters is not None else {}
    for name, value in changes.items():
        key = FACET_PARAMETERS.get(name, name)
        if value is None:
            wanted.pop(key, None)
        else:
            wanted[key] = str(value)
    # what the reader typed, printed back as typed: a redacted query in a link would confirm a guessed name
    return typed(url_for("search.index", q=q or None, **wanted))


@blueprint.app_template_filter("language_name")
def language_name(code: str) -> str:
    """A language's name in the interface's language ("nl" -> "Dutch"), or its code if unknown."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(get_locale())
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


@blueprint.app_template_filter("marked")
def marked(text: str, highlights) -> Markup:
    """The text, escaped, with each [start, end) of highlights wrapped in <mark>."""
    pieces, position = [], 0
    for start, end in sorted(highlights):
        if start < position:
            continue
        pieces += [escape(text[position:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        position = end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)
