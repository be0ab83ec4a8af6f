"""Building the documents: a case report, a dossier of many cases, from report data to PDF.

A dossier small enough (REPORT_SINGLE_PIECE_CASES) is one HTML document and
one tagged PDF. A larger one is rendered in parts — the front matter, groups
of chapters, the appendix, the custody log, the verification page — each with
its page numbers continuing the previous part, then joined; WeasyPrint holds
the layout of a whole document in memory, so parts keep a 200-case dossier
within bounds.
"""
from __future__ import annotations

import resource
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from flask_babel import gettext

from caseapp.assessment.labels import DETERMINATIONS_SHORT, FINDING_STATUSES, STAGES, translated
from caseapp.cases import conditions
from caseapp.protection.files import write_private
from caseapp.reports import manifest as manifests
from caseapp.reports.context import CaseReport, CustodyItem, QuoteView, SourceView
from caseapp.reports.pdf import Bookmark, Rendered, join_pdfs, render_pdf
from caseapp.protection.redaction import NoRedaction, PersonTerms, Redactor
from caseapp.i18n import direction
from caseapp.reports.rendering import render

CUSTODY_ROWS_PER_PART = 400
SOURCES_PER_PART = 40


@dataclass(frozen=True)
class ReportMeta:
    title: str
    organisation: str
    generated_by: str
    generated_at: datetime
    profile: str
    profile_label: str
    language: str
    description: str = ""
    page_total: bool = True
    page_offset: int = 0
    codes: dict[int, str] = field(default_factory=dict)
    # Who let it leave, where the organisation asks for a second person's approval (reports/approval.py).
    approved_by: str = ""
    approved_at: datetime | None = None

    @property
    def direction(self) -> str:
        """The document's text direction: an Arabic report is written right to left."""
        return direction(self.language)


def labels() -> dict[str, Any]:
    """The words a report uses for codes, in the current language."""
    return {
        "verdict": translated(DETERMINATIONS_SHORT, gettext),
        "met": {"established": gettext("yes, established"), "possible": gettext("possibly"), "no": gettext("no")},
        "stage": translated(STAGES, gettext),
        "status": translated(FINDING_STATUSES, gettext),
        "fact": {fact.key: gettext(fact.label) for fact in conditions.FACTS},
        "yes": gettext("yes"), "no": gettext("no"),
        "kinds": {"case": gettext("case report"), "dossier": gettext("evidence dossier"),
                  "portfolio": gettext("portfolio")},
        "profiles": {"internal": profile_label("internal"), "advocate": profile_label("advocate")},
    }


def profile_label(profile: str) -> str:
    return gettext("advocate (people pseudonymised)") if profile == "advocate" else gettext("internal (full record)")


def redactor_for(profile: str, reports: list[CaseReport], others: list[PersonTerms] = ()) -> Redactor:
    """The profile's redactor: the people of these cases first (W-1...), then everyone else the
    organisation knows, whose names may turn up in these cases' texts too."""
    redactor: Redactor = Redactor() if profile == "advocate" else NoRedaction()
    for report in reports:
        redactor.add(report.person_terms)
    if profile == "advocate":
        redactor.add(others, listed=False)  # hidden if they turn up, but not named in the legend
    return redactor


def codes_of(redactor: Redactor, reports: list[CaseReport]) -> dict[int, str]:
    return {p.id: redactor.code_of(p.id) for r in reports for p in r.person_terms}


def case_html(report: CaseReport, meta: ReportMeta, redactor: Redactor) -> str:
    return render("reports/case.html", redactor, report=report, meta=meta, labels=labels())


def case_pdf(report: CaseReport, meta: ReportMeta, redactor: Redactor, static_root: Path) -> Rendered:
    return render_pdf(case_html(report, meta, redactor), static_root)


# --- limits -------------------------------------------------------------------------------------

class LimitExceeded(RuntimeError):
    """A background job ran past its time or memory limit."""


def rss_mb() -> float:
    """Resident memory of this process now, in MiB (Linux), else its peak."""
    try:
        with open("/proc/self/statm") as stream:
            pages = int(stream.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Limits:
    """Checked between the parts of a dossier: the job stops cleanly when it runs past either."""

    seconds: float
    memory_mb: float
    started: float = field(default_factory=time.monotonic)

    def check(self) -> None:
        if time.monotonic() - self.started > self.seconds:
            raise LimitExceeded(f"time limit of {self.seconds:.0f} s reached")
        used = rss_mb()
        if used > self.memory_mb:
            raise LimitExceeded(f"memory limit of {self.memory_mb:.0f} MiB reached ({used:.0f} MiB)")


# --- the dossier -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TocEntry:
    title: str
    anchor: str
    page: int | None = None


@dataclass(frozen=True)
class AppendixItem:
    source: SourceView
    quotes: tuple[QuoteView, ...]


@dataclass
class DossierResult:
    pages: int
    pdf_sha256: str
    manifest_sha256: str
    size: int
    render_seconds: float = 0.0  # WeasyPrint's own share, for the benchmark
    parts: int = 1


def appendix_of(reports: list[CaseReport]) -> list[AppendixItem]:
    sources: dict[int, SourceView] = {}
    quotes: dict[int, list[QuoteView]] = {}
    for report in reports:
        for source in report.sources:
            sources.setdefault(source.id, source)
        for quote in report.quotes:
            quotes.setdefault(quote.source_id, []).append(quote)
    return [AppendixItem(sources[i], tuple(sorted(quotes.get(i, []), key=lambda q: (q.case_reference, q.start))))
            for i in sorted(sources)]


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def build_dossier(reports: list[CaseReport], custody: list[CustodyItem], meta: ReportMeta, redactor: Redactor,
                  static_root: Path, output: Path, manifest_path: Path,
                  on_progress: Callable[[int], None] = lambda percent: None,
                  limits: Limits | None = None, single_piece_cases: int = 20,
                  part_cases: int = 10) -> DossierResult:
    """Write the dossier PDF to `output` and its manifest to `manifest_path`."""
    check = limits.check if limits else (lambda: None)
    meta = replace(meta, codes=codes_of(redactor, reports))
    content = manifests.build(reports, meta, redactor)
    manifest_bytes = manifests.to_bytes(content)
    write_private(manifest_path, manifest_bytes)
    manifest_sha = manifests.sha256(manifest_bytes)
    appendix = appendix_of(reports)
    words = labels()
    common = dict(meta=meta, labels=words, manifest_sha256=manifest_sha, appendix=appendix, custody=custody,
                  case_count=len(reports), legend=redactor.legend if meta.profile == "advocate" else [])
    rendered_seconds = 0.0

    def pdf_of(html: str, tagged: bool) -> Rendered:
        nonlocal rendered_seconds
        started = time.perf_counter()
        result = render_pdf(html, static_root, tagged=tagged)
        rendered_seconds += time.perf_counter() - started
        return result

    if len(reports) <= single_piece_cases:
        toc = _toc(reports, pages=None)
        html = render("reports/dossier.html", redactor, chapters=reports, toc=toc, front=True, back=True,
                      sources=appendix, custody_items=custody, **common)
        on_progress(20)
        check()
        result = pdf_of(html, tagged=True)
        write_private(output, result.pdf)
        on_progress(95)
        return DossierResult(result.pages, manifests.sha256(result.pdf), manifest_sha, len(result.pdf),
                             rendered_seconds)

    # In parts. The front matter's length is known once rendered with any numbers (the TOC
    # has one line per entry), so the rest can be numbered after it and the TOC filled in last.
    work = output.parent / (output.name + ".parts")
    work.mkdir(exist_ok=True)
    try:
        part_meta = replace(meta, page_total=False)
        front_pages = pdf_of(render("reports/dossier.html", redactor, chapters=[],
                                    toc=_toc(reports, pages={}), front=True, back=False, sources=[], custody_items=[],
                                    **{**common, "meta": part_meta}), tagged=False).pages
        paths: list[Path] = []
        starts: dict[str, int] = {}
        page = front_pages + 1
        groups: list[tuple[str, dict[str, Any]]] = []
        for chunk in _chunks(reports, part_cases):
            groups.append(("chapters", {"chapters": chunk}))
        for chunk in _chunks(appendix, SOURCES_PER_PART):
            groups.append(("sources", {"sources": chunk}))
        for chunk in _chunks(custody, CUSTODY_ROWS_PER_PART):
            groups.append(("custody", {"custody_items": chunk}))
        groups.append(("verification", {}))
        first_of_kind: set[str] = set()
        for index, (kind, items) in enumerate(groups, start=1):
            check()
            html = render("reports/dossier.html", redactor, toc=[], front=False, back=False,
                          **{"chapters": [], "sources": [], "custody_items": [], **common,
                             "meta": replace(part_meta, page_offset=page), "part": kind,
                             "continued": kind in first_of_kind, **items})
            first_of_kind.add(kind)
            result = pdf_of(html, tagged=False)
            for anchor, page_index in result.anchors.items():
                if anchor.startswith("case-") or anchor in ("sources", "custody", "verification"):
                    starts.setdefault(anchor, page + page_index)
            path = work / f"part-{index:04d}.pdf"
            path.write_bytes(result.pdf)
            paths.append(path)
            page += result.pages
            on_progress(10 + int(80 * index / len(groups)))
            del result, html
        front_html = render("reports/dossier.html", redactor, chapters=[], toc=_toc(reports, pages=starts), front=True,
                            back=False, sources=[], custody_items=[], **{**common, "meta": part_meta})
        front = pdf_of(front_html, tagged=False)
        front_path = work / "part-0000.pdf"
        front_path.write_bytes(front.pdf)
        # The outline and metadata are written outside the templates: they get the same redaction here.
        bookmarks = [Bookmark(redactor.redact(entry.title), entry.page - 1)
                     for entry in _toc(reports, pages=starts) if entry.page]
        total = join_pdfs([front_path, *paths], output, redactor.redact(meta.title), redactor.redact(meta.organisation),
                          meta.language, bookmarks)
        data = output.read_bytes()
        return DossierResult(total, manifests.sha256(data), manifest_sha, len(data), rendered_seconds, len(paths) + 1)
    finally:
        # Parts hold people's names: none stays behind, whether the job finished, failed or was stopped.
        shutil.rmtree(work, ignore_errors=True)


def _toc(reports: list[CaseReport], pages: dict[str, int | None] | None) -> list[TocEntry]:
    def at(anchor: str) -> int | None:
        if pages is None:
            return None
        return pages.get(anchor) or 0

    entries = [TocEntry(f"{r.reference} — {r.title}", f"case-{r.id}", at(f"case-{r.id}")) for r in reports]
    entries.append(TocEntry(gettext("Appendix: sources and quoted passages"), "sources", at("sources")))
    entries.append(TocEntry(gettext("Custody log"), "custody", at("custody")))
    entries.append(TocEntry(gettext("Verification"), "verification", at("verification")))
    return entries
