"""A world whose every user-editable text is an attack, and ways to look for it in what the app serves.

Each field gets its own payload, tagged with the field's name (`x-case-title`), so a failure
names the field that leaked. A payload tries every context a value can land in: element text
(`<script>`), a double-quoted attribute (`"><img onerror>`), a single-quoted attribute
(`' onfocus='`), and a template engine (`{{'tpl-'~'evaluated'}}`, which would print tpl-evaluated).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from caseapp.assessment import services as assessment
from caseapp.cases import review
from caseapp.cases.conditions import FACTS
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.persons import services as persons
from caseapp.reports.models import ReportExport
from caseapp.sources import evidence
from caseapp.sources import services as sources
from tests.factories import make_case, make_org, make_token, make_user, post_form

ROLES = ("caseworker", "coordinator", "advocate", "admin")
EVALUATED = "tpl-evaluated"  # what a template that evaluated user text would print


def payload(tag: str) -> str:
    return (f'<script>alert("{tag}")</script>"><img src=x onerror=alert("{tag}")>'
            f"' onfocus='alert(\"{tag}\")' {{{{'tpl-'~'evaluated'}}}}")


def short(tag: str) -> str:
    """For fields of 100 characters or fewer."""
    return f'"><img src=x onerror=alert("{tag}")>'


def file_name(tag: str) -> str:
    """For uploaded file names, where browsers send a double quote as %22."""
    return f"<img src=x onerror=alert('{tag}')>'.csv"


# Raw markup of a payload: present only if a value was printed without escaping.
RAW = re.compile(r"""<script>alert\(|<img src=x onerror|onfocus='alert\(|(?:href|src|action)\s*=\s*["']?\s*javascript:""",
                 re.IGNORECASE)


def leaks(page: str) -> list[str]:
    """The raw payload markup in a page, with a little context, and any sign of an evaluated template."""
    found = [page[max(0, m.start() - 60):m.end() + 60] for m in RAW.finditer(page)]
    if EVALUATED in page:
        found.append("a template evaluated user text")
    return found


@dataclass
class World:
    people: dict
    case: object  # verified: everyone, advocates included, sees it
    draft: object  # a draft of the caseworker's: the edit forms
    party: object
    person: object
    source: object
    export: object
    ids: dict = field(default_factory=dict)
    tags: set = field(default_factory=set)


def _tagged(tags: set, tag: str, make=payload) -> str:
    tags.add(tag)
    return make(tag)


def build(app, text_for=payload, short_for=short, person_fields: dict | None = None) -> World:
    """Every kind of record the app keeps, each text field an attack; through the services.

    `text_for` and `short_for` make each field's text from its tag (another test puts people's names in
    every field); `person_fields` replaces the case's person (a hostile one by default)."""
    tags: set[str] = set()

    def t(tag, make=None):
        make = text_for if make in (None, payload) else short_for if make is short else make
        return _tagged(tags, tag, make)
    org = make_org(t("x-org-name"))
    people = {role: make_user(org, role) for role in ROLES}
    for role, user in people.items():
        user.full_name = t(f"x-{role}-name")
    db.session.commit()
    caseworker, coordinator = people["caseworker"], people["coordinator"]
    for role, user in people.items():
        make_token(user, t(f"x-{role}-token", short))

    conditions = {"housing_conditions": t("x-housing")} | {
        f"{fact.key}_note": t(f"x-note-{fact.key}") for fact in FACTS}  # every condition's free-text note
    case = make_case(caseworker, title=t("x-case-title"), summary=t("x-case-summary"), region=t("x-region"),
                     worksite=t("x-worksite"), country="RU", period_start="2018",
                     worker_groups=[{"gender_note": t("x-gender"), "age_note": t("x-ages"), "note": t("x-group-note"),
                                     "count_qualifier": "about", "count_min": 200, "count_max": 200}],
                     actions=[{"kind": "referral", "date": "2019", "outcome": t("x-action-outcome")}],
                     conditions=conditions)
    draft = make_case(caseworker, title=t("x-draft-title"), summary=t("x-draft-summary"))

    party = parties.create_party({"name": t("x-party-name"), "kind": "employer", "aliases": [t("x-party-alias")],
                                  "registration_number": t("x-party-reg", short), "note": t("x-party-note")},
                                 caseworker).party
    db.session.flush()
    link = parties.link_party(case, party.id, "employer", t("x-link-note"), caseworker)
    person = persons.create_person(case, person_fields or {
        "name": t("x-person-name"), "role": "worker", "aliases": [t("x-person-alias")],
        "contact": t("x-person-contact"), "document_numbers": t("x-person-docs"), "notes": t("x-person-notes")},
        caseworker)

    quote = f"The guard kept their passports {t('x-quote')} and they could not leave."
    text = f"{t('x-source-text')}\n\n{quote}\n\nThey worked from 07:00 to 22:00."
    source = sources.add_from_paste(text, {"title": t("x-source-title"), "publisher": t("x-publisher"),
                                           "author": t("x-author"), "reliability_note": t("x-reliability")},
                                    "https://news.example/story", caseworker).source
    db.session.flush()
    sources.revise_text(source, text + "\n\nCorrected.", t("x-revision-reason"), caseworker)
    uploaded = sources.add_from_upload(f"Uploaded notes. {t('x-upload-text')}".encode(), t("x-upload-name"),
                                       {"title": ""}, caseworker).source
    db.session.flush()
    excerpt = evidence.create_excerpt(source, case, {"quote": quote, "translation": t("x-translation"),
                                                     "translation_by": t("x-translator"),
                                                     "translation_by_kind": "person"}, caseworker)
    sources.link_case(case, uploaded, caseworker)
    db.session.flush()
    evidence.attach_evidence(case, "daily_hours", excerpt.id, 15, caseworker)
    second = evidence.create_excerpt(source, case, {"quote": "They worked from 07:00 to 22:00."}, caseworker)
    db.session.flush()
    evidence.attach_evidence(case, "daily_hours", second.id, 16, caseworker)
    assessment.record_finding(case, "retention_of_identity_documents",
                              {"status": "present", "stages": ["employment"], "excerpt_ids": [excerpt.id],
                               "note": t("x-finding-note")}, caseworker)
    review.add_comment(case, t("x-comment"), caseworker)
    db.session.commit()
    evidence.retain_value(case, "daily_hours", 15, t("x-retain-note"), coordinator)
    assessment.sign_off(case, "retention_of_identity_documents", coordinator)
    db.session.commit()
    review.transition(case, "submitted", None, caseworker)
    review.transition(case, "in_review", None, coordinator)
    review.transition(case, "returned", t("x-return-comment"), coordinator)
    review.transition(case, "submitted", None, caseworker)
    review.transition(case, "in_review", None, coordinator)
    review.transition(case, "verified", None, coordinator)
    export = ReportExport(organisation_id=org.id, kind="dossier", profile="advocate", case_ids=[case.id],
                          requested_by_id=coordinator.id, actor_label=coordinator.email, state="failed",
                          progress=0, message=t("x-export-message"))
    db.session.add(export)
    db.session.commit()
    from caseapp.notifications.models import Notification

    notification = db.session.query(Notification).filter_by(user_id=caseworker.id).first()
    from caseapp.cases import saved_searches
    from caseapp.cases.filters import parse_filters

    saved = saved_searches.save(caseworker, "Verified in Russia", parse_filters({"status": "verified",
                                                                              "country": "RU"}))
    db.session.commit()
    from caseapp.transfer.models import CaseImport

    # A refused background import of the caseworker's: its file name and a problem (which quotes the
    # file's cell) are the uploader's text, printed on its page.
    job = CaseImport(organisation_id=org.id, requested_by_id=caseworker.id, filename=t("x-import-job-name"),
                     state="refused", total=600, problem_count=1,
                     problems=[[3, "country", f"{t('x-import-job-problem')} is not an ISO 3166 country code."]])
    db.session.add(job)
    db.session.commit()
    ids = {"case_id": case.id, "party_id": party.id, "person_id": person.id, "source_id": source.id,
           "export_id": export.id, "user_id": caseworker.id, "file_format": "csv", "upload_id": uploaded.id,
           "excerpt_id": excerpt.id, "link_id": link.id, "token_id": caseworker.tokens[-1].id,
           "notification_id": notification.id, "fact": "daily_hours",
           "indicator": "retention_of_identity_documents", "decision": "dismiss", "origin": "paste",
           "saved_id": saved.id, "import_id": job.id, "part": "caseworker", "name": "admin-users.png"}
    return World(people, case, draft, party, person, source, export, ids, tags)


def import_hostile_file(client) -> set[str]:
    """Import a CSV whose name and cells are attacks, through the real import form."""
    import io

    tags = {"x-import-title", "x-import-summary", "x-import-worksite", "x-import-party", "x-import-file"}
    rows = ("title,summary,worksite,sector,parties\n"
            f'"{_csv(payload("x-import-title"))}","{_csv(payload("x-import-summary"))}",'
            f'"{_csv(payload("x-import-worksite"))}",fishing,"employer: {_csv(short("x-import-party"))}"\n')
    response = post_form(client, "/cases/import", "/cases/import",
                         {"file": (io.BytesIO(rows.encode()), file_name("x-import-file"), "text/csv")})
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    return tags


def _csv(value: str) -> str:
    return value.replace('"', '""')


# --- visiting every page ----------------------------------------------------------------------------

PDF_ENDPOINTS = {"reports.case_report_pdf", "reports.portfolio_pdf", "reports.download",
                 "privacy.export_pdf"}  # read by pdf tests
# The user guide's screenshots: the project's own PNG files, no record of anyone in them.
OWN_FILES = {"docs.guide_screenshot"}


def page_urls(app, ids: dict) -> list[str]:
    """Every GET page of the URL map (API and static aside), built with the world's ids."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.startswith("api.") \
                or rule.endpoint in PDF_ENDPOINTS or rule.endpoint in OWN_FILES:
            continue
        urls.append(rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1])
    return sorted(urls)


def reflected_urls(world: World) -> list[str]:
    """Pages that print back what the address says: searches, bad filters and cursors, chosen cases."""
    from urllib.parse import quote

    attack = quote(payload("x-reflected"))
    case_id = world.case.id
    return [f"/cases?q={attack}", f"/cases?country={attack}", f"/cases?status={attack}", f"/cases?cursor={attack}",
            f"/parties?q={attack}", f"/parties?cursor={attack}", f"/sources?q={attack}", f"/sources?cursor={attack}",
            f"/sources/new?case_id={attack}", f"/parties/new?case_id={attack}", f"/reports/portfolio?country={attack}",
            f"/sources/{world.source.id}?case_id={case_id}", f"/cases/{case_id}?party_id={attack}",
            f"/cases/{case_id}/report?profile=internal", f"/reports/dossier?profile={attack}",
            f"/cases/{world.draft.id}", f"/cases/{world.draft.id}/edit", f"/sources/{world.ids['upload_id']}"]
