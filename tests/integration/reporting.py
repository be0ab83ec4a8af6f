"""Cases with people, quotes and findings for the report tests, and ways to read the PDFs back."""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from caseapp.assessment import services as assessment
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.persons import services as persons
from caseapp.sources import evidence
from caseapp.sources import services as sources
from tests.factories import advance, make_case, make_user

# A worker, his wife and an informant. Every string here must be absent from an advocate's PDF.
WORKER = {"name": "Ri Chol-ho", "role": "worker", "aliases": ["Comrade Ri", "Cholho"],
          "contact": "Phone: +7 921 555 0199", "document_numbers": "Passport 836401122",
          "notes": "Lives in barracks 4."}
WIFE = {"name": "Pak Sun-hui", "role": "family_member", "contact": "Sinuiju, North Pyongan"}
INFORMANT = {"name": "Ольга Смирнова", "role": "informant", "aliases": ["Оля"]}
SECRETS = ["Ri Chol-ho", "Comrade Ri", "Cholho", "555 0199", "836401122", "Pak Sun-hui", "Sun-hui",
           "Sinuiju", "Ольга", "Смирнова", "Оля", "barracks 4"]

ARTICLE = ("Ri Chol-ho came to Saint Petersburg in 2018. His passport is number 836401122 and the guard kept it. "
           "Comrade Ri worked from 07:00 to 22:00. His wife Pak Sun-hui stayed in Sinuiju as a guarantee. "
           "Ольга Смирнова, who cooked for the brigade, said the men could not leave. "
           "Санкт-Петербург was where 김정은's workers built the stadium.")


def quote(case, source, text, actor):
    return evidence.create_excerpt(source, case, {"quote": text}, actor)


def case_with_people(caseworker, title="Brigade held in Saint Petersburg", verify=True, coordinator=None):
    """A case whose people are named in its summary, notes, quotes and source; verified by default."""
    coordinator = coordinator or make_user(caseworker.organisation, "coordinator")
    case = make_case(caseworker, title=title, summary="Ri Chol-ho and Comrade Ri are one man; Pak Sun-hui "
                     "is his wife. Санкт-Петербург, 김정은.", country="RU", region="Saint Petersburg",
                     period_start="2018-03")
    for data in (WORKER, WIFE, INFORMANT):
        persons.create_person(case, dict(data), caseworker)
    employer = parties.create_party({"name": "Nordstroy LLC", "kind": "employer"}, caseworker).party
    db.session.flush()
    parties.link_party(case, employer.id, "employer", "Pays the guards.", caseworker)
    source = sources.add_from_paste(ARTICLE, {"title": "Brigade notes", "publisher": "Harbour Times"}, None,
                                    caseworker).source
    db.session.flush()
    kept = quote(case, source, "His passport is number 836401122 and the guard kept it.", caseworker)
    wife = quote(case, source, "His wife Pak Sun-hui stayed in Sinuiju as a guarantee.", caseworker)
    leave = quote(case, source, "Ольга Смирнова, who cooked for the brigade, said the men could not leave.",
                  caseworker)
    hours = quote(case, source, "Comrade Ri worked from 07:00 to 22:00.", caseworker)
    evidence.attach_evidence(case, "daily_hours", hours.id, 15, caseworker)
    assessment.record_finding(case, "retention_of_identity_documents",
                              {"status": "present", "stages": ["employment", "exit"], "excerpt_ids": [kept.id],
                               "note": "Ri Chol-ho's passport is with the guard."}, caseworker)
    assessment.record_finding(case, "intimidation_threats",
                              {"status": "present", "stages": ["employment", "exit"],
                               "excerpt_ids": [wife.id, leave.id]}, caseworker)
    assessment.record_finding(case, "excessive_overtime", {"status": "present", "stages": ["employment"],
                                                           "excerpt_ids": [hours.id]}, caseworker)
    db.session.commit()
    assessment.sign_off(case, "excessive_overtime", coordinator)
    assessment.sign_off(case, "retention_of_identity_documents", coordinator)
    assessment.sign_off(case, "intimidation_threats", coordinator)
    db.session.commit()
    if verify:
        advance(case, "submitted", "in_review", "verified", caseworker=caseworker, coordinator=coordinator)
    return case


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, as a reader copying it out would get it."""
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "in.pdf"
            path.write_bytes(data)
            return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                  check=True).stdout.decode("utf-8")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdf_page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def embedded_files(data: bytes) -> list[str]:
    """Files embedded in the PDF, by pdfdetach when poppler is installed (CI installs it), and by pypdf."""
    names = sorted(PdfReader(io.BytesIO(data)).attachments)
    if shutil.which("pdfdetach"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "in.pdf"
            path.write_bytes(data)
            listing = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, check=True).stdout
            first = listing.decode().splitlines()[0] if listing else "0 embedded files"
            assert first.startswith("0 embedded files") or names, first
            if not first.startswith("0 embedded files"):
                names.append(first)
    return names


def font_names(data: bytes) -> set[str]:
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            found.add(str(font.get_object().get("/BaseFont", "")))
    return found
