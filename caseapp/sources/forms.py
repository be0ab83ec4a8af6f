"""Source forms: shape only."""
from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from caseapp.cases.conditions import FACTS
from caseapp.cases.forms import choices
from caseapp.cases.vocab import COUNT_QUALIFIERS
from caseapp.forms import TYPE_TO_SEARCH, WholeNumberField
from caseapp.ilo.catalogue import INDICATORS
from caseapp.sources.vocab import CREDIBILITY, RELIABILITY, SOURCE_KINDS
from caseapp.sources.limits import (AUTHOR_MAX, PUBLISHER_MAX, RELIABILITY_NOTE_MAX, REVISION_REASON_MAX, TITLE_MAX,
                                    TRANSLATION_MAX, TRANSLATOR_MAX, URL_MAX)


class DescribeMixin:
    kind = SelectField(_l("Kind of source"), default="news_article")
    reliability = SelectField(_l("Reliability of the source"), default="F")
    reliability_note = StringField(_l("Why this grade"), validators=[Length(max=RELIABILITY_NOTE_MAX)])
    title = StringField(_l("Title"), validators=[Length(max=TITLE_MAX)])
    publisher = StringField(_l("Publisher"), validators=[Length(max=PUBLISHER_MAX)])
    author = StringField(_l("Author"), validators=[Length(max=AUTHOR_MAX)])
    published_on = StringField(_l("Published on"), validators=[Optional(), Length(max=10)],
                               description=_l("YYYY, YYYY-MM or YYYY-MM-DD"))
    language = StringField(_l("Language"), validators=[Optional(), Length(max=3)],
                           description=_l("Two letters, e.g. nl. Detected when left empty."))

    def _choices(self) -> None:
        self.kind.choices = choices(SOURCE_KINDS.items())
        self.reliability.choices = choices(RELIABILITY.items())

    def description(self) -> dict:
        data = {key: self[key].data for key in ("kind", "reliability", "reliability_note", "title", "publisher",
                                                "author", "published_on", "language")}
        return {key: value for key, value in data.items() if value not in (None, "")}


class UrlSourceForm(DescribeMixin, FlaskForm):
    url = StringField(_l("Address of the page"), validators=[DataRequired(), Length(max=URL_MAX)],
                      description=_l("caseapp fetches the page now and keeps the exact bytes it receives."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="byurl", **kwargs)
        self._choices()


class UploadSourceForm(DescribeMixin, FlaskForm):
    file = FileField(_l("File"), description=_l("A saved web page, a PDF, plain text or an e-mail (.eml); a photo or "
                                                "scan (JPEG, PNG, WebP, TIFF, HEIC); a recording (MP3, M4A, Ogg, WAV, "
                                                "MP4, WebM)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="upload", **kwargs)
        self._choices()
        # What the file is decides the kind, unless the person says otherwise: a photo is no news article.
        self.kind.choices = [("", gettext("From the file (document: news article; photo; recording)"))] + \
            list(self.kind.choices)
        if not self.is_submitted():
            self.kind.data = ""


class PasteSourceForm(DescribeMixin, FlaskForm):
    text = TextAreaField(_l("Text of the article"), validators=[DataRequired()],
                         description=_l("For articles behind a paywall or in print: paste or type the text."))
    url = StringField(_l("Address, if there is one"), validators=[Optional(), Length(max=URL_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="paste", **kwargs)
        self._choices()


class SourceMetadataForm(DescribeMixin, FlaskForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._choices()


class TranscriptForm(FlaskForm):
    file = FileField(_l("Transcript file"), description=_l("WebVTT (.vtt) or SubRip (.srt), with the time of each line."))
    reason = StringField(_l("Where it comes from"), validators=[Optional(), Length(max=REVISION_REASON_MAX)],
                         description=_l("e.g. 'typed by the interviewer', 'made with a transcription tool, checked'"))


class RevisionForm(FlaskForm):
    text = TextAreaField(_l("Corrected text"), validators=[DataRequired()])
    reason = StringField(_l("Why it is corrected"), validators=[DataRequired(), Length(max=REVISION_REASON_MAX)],
                         description=_l("e.g. 'the extraction dropped the second paragraph'"))


class ExcerptForm(FlaskForm):
    case_id = SelectField(_l("Case"), validators=[DataRequired()], render_kw=TYPE_TO_SEARCH)
    revision = HiddenField()
    start = WholeNumberField(_l("From character"), validators=[Optional(), NumberRange(min=0)])
    end = WholeNumberField(_l("To character"), validators=[Optional(), NumberRange(min=1)])
    quote = TextAreaField(_l("Quoted passage"), validators=[DataRequired()],
                          description=_l("Select the passage in the text above; it appears here exactly."))
    credibility = SelectField(_l("Credibility of this information"), default="3")
    translation = TextAreaField(_l("Translation"), validators=[Optional(), Length(max=TRANSLATION_MAX)])
    translation_by = StringField(_l("Translated by"), validators=[Optional(), Length(max=TRANSLATOR_MAX)])
    translation_by_kind = SelectField(_l("Translated by a"), validators=[Optional()])
    fact = SelectField(_l("Evidence for the fact"), validators=[Optional()])
    fact_value = StringField(_l("Value"), validators=[Optional(), Length(max=4000)],
                             description=_l("e.g. 16, guard, yes"))
    count_min = WholeNumberField(_l("Workers, from"), validators=[Optional(), NumberRange(min=0)])
    count_max = WholeNumberField(_l("Workers, to"), validators=[Optional(), NumberRange(min=0)])
    count_qualifier = SelectField(_l("How many"), default="unknown")
    indicator = SelectField(_l("Evidence for the ILO indicator"), validators=[Optional()])
    stage = SelectField(_l("At the stage"), default="employment")

    def __init__(self, cases, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.case_id.choices = [SelectChoice("", gettext("Choose the case"))] + [
            SelectChoice(str(c.id), f"{c.reference} – {c.title}") for c in cases]
        self.credibility.choices = [SelectChoice(str(k), gettext(v)) for k, v in CREDIBILITY.items()]
        self.translation_by_kind.choices = [SelectChoice("", ""), SelectChoice("person", gettext("person")),
                                            SelectChoice("tool", gettext("tool"))]
        self.fact.choices = [SelectChoice("", gettext("None, only the quote"))] + [
            SelectChoice(f.key, gettext(f.label)) for f in FACTS] + [
            SelectChoice("workers_count", gettext("Number of workers"))]
        self.count_qualifier.choices = choices(COUNT_QUALIFIERS.items())
        self.indicator.choices = [SelectChoice("", gettext("None"))] + [
            SelectChoice(i.id, gettext(i.name)) for i in INDICATORS]
        self.stage.choices = [SelectChoice("recruitment", gettext("Recruitment")),
                              SelectChoice("employment", gettext("Employment")), SelectChoice("exit", gettext("Exit"))]
