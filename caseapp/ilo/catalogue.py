"""The 11 ILO indicators of forced labour (ILO, 2012), with caseapp's roles for each.

Names in English are the ILO's. Other languages are working translations unless
marked verified (REFERENCE.md §7: the Spanish names checked against Peru's
Ministry of Labour); every other one is shown as an unofficial translation.
Roles follow the ICLS 2018 lists of involuntary work and of coercion, as
caseapp reads them (REFERENCE.md §10).
"""
from __future__ import annotations

from dataclasses import dataclass

INVOLUNTARINESS = "involuntariness"
PENALTY = "penalty"
STAGES: tuple[str, ...] = ("recruitment", "employment", "exit")
STATUSES: tuple[str, ...] = ("present", "suspected", "absent", "unknown")
LANGUAGES: tuple[str, ...] = ("nl", "fr", "es", "ru", "ar")


@dataclass(frozen=True)
class Name:
    text: str
    verified: bool = False  # checked against an ILO or government source


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str  # the ILO's English name
    explanation: str
    typical_evidence: tuple[str, ...]
    roles: frozenset[str]
    translations: dict[str, Name]

    @property
    def involuntariness(self) -> bool:
        return INVOLUNTARINESS in self.roles

    @property
    def penalty(self) -> bool:
        return PENALTY in self.roles

    def name_in(self, language: str) -> Name:
        return Name(self.name, True) if language == "en" else self.translations.get(language, Name(self.name, True))


def _names(nl: str, fr: str, es: str, ru: str, ar: str, es_verified: bool = False) -> dict[str, Name]:
    # Arabic: caseapp's working translation (REFERENCE.md §7 lists no Arabic edition), never marked verified.
    return {"nl": Name(nl), "fr": Name(fr), "es": Name(es, es_verified), "ru": Name(ru), "ar": Name(ar)}


def N_(message: str) -> str:
    """Marks an explanation for the app's translation catalogue (pybabel extracts N_); the engine itself stays
    free of Babel and keeps the English, which the app translates where it shows it."""
    return message


BOTH = frozenset({INVOLUNTARINESS, PENALTY})

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "abuse_of_vulnerability", "Abuse of vulnerability",
        N_("The employer takes advantage of a worker's weak position — no local language, irregular status, "
           "poverty, dependence on the employer for housing and food — to impose work or stop them leaving. "
           "Being vulnerable is not enough: the vulnerability must be used."),
        ("threat to report the worker to immigration", "employer controls housing and food",
           "worker does not speak the local language"),
        frozenset({PENALTY}),
        _names("Misbruik van kwetsbaarheid", "Abus de vulnérabilité", "Abuso de vulnerabilidad",
               "Злоупотребление уязвимым положением", "استغلال حالة الضعف", es_verified=True),
    ),
    Indicator(
        "deception", "Deception",
        N_("What was promised — the work, the pay, the conditions, the place or the employer — is not what the "
           "worker gets."),
        ("contract substitution", "job differs from the advertisement", "promised wage not paid"),
        frozenset({INVOLUNTARINESS}),
        _names("Misleiding", "Tromperie", "Engaño", "Обман", "الخداع", es_verified=True),
    ),
    Indicator(
        "restriction_of_movement", "Restriction of movement",
        N_("Workers are locked in, guarded or confined to the workplace or housing, or watched when outside."),
        ("locked compound", "guards or cameras", "escorted to and from work"),
        BOTH,
        _names("Beperking van de bewegingsvrijheid", "Restriction de la liberté de mouvement",
               "Restricción de movimiento", "Ограничение свободы передвижения", "تقييد حرية التنقل", es_verified=True),
    ),
    Indicator(
        "isolation", "Isolation",
        N_("Workers are cut off from the outside world, by a remote place or by being denied contact."),
        ("phones taken", "no contact with family", "vessel that never calls at port"),
        BOTH,
        _names("Isolatie", "Isolement", "Aislamiento", "Изоляция", "العزل", es_verified=True),
    ),
    Indicator(
        "physical_sexual_violence", "Physical and sexual violence",
        N_("Actual violence, sexual violence included, forced use of drugs or alcohol, violence as discipline."),
        ("injuries, beatings", "sexual assault", "punishment seen by others"),
        frozenset({PENALTY}),
        _names("Fysiek en seksueel geweld", "Violences physiques et sexuelles", "Violencia física y sexual",
               "Физическое и сексуальное насилие", "العنف الجسدي والجنسي", es_verified=True),
    ),
    Indicator(
        "intimidation_threats", "Intimidation and threats",
        N_("Threats used to make people work or stop them leaving: of violence, of denunciation, of harm to "
           "family, of dismissal or of losing wages or housing; persistent verbal abuse."),
        ("threat of deportation", "harm to the family at home", "threat of dismissal"),
        frozenset({PENALTY}),
        _names("Intimidatie en bedreigingen", "Intimidation et menaces", "Intimidación y amenazas",
               "Запугивание и угрозы", "الترهيب والتهديد", es_verified=True),
    ),
    Indicator(
        "retention_of_identity_documents", "Retention of identity documents",
        N_("The employer or an agent keeps passports, identity cards or permits, and the worker cannot have "
           "them back on request."),
        ("passport held 'for safekeeping'", "ID surrendered on arrival"),
        frozenset({PENALTY}),
        _names("Inhouden van identiteitsdocumenten", "Rétention des documents d'identité",
               "Retención de documentos de identidad", "Удержание документов, удостоверяющих личность", "احتجاز وثائق الهوية"),
    ),
    Indicator(
        "withholding_of_wages", "Withholding of wages",
        N_("Wages are systematically not paid, paid to someone else, or kept back, so that the worker stays."),
        ("wages paid only at the end of the contract", "wages paid to a third party", "'savings' kept by the "
                                                                                         "employer"),
        BOTH,
        _names("Inhouden van loon", "Retenue des salaires", "Retención de salarios", "Удержание заработной платы", "حجب الأجور"),
    ),
    Indicator(
        "debt_bondage", "Debt bondage",
        N_("The worker works to repay a debt or advance that is manipulated or never shrinks, and is tied to "
           "the employer by it."),
        ("recruitment-fee loans", "deductions nobody explains", "a debt that grows despite the work"),
        BOTH,
        _names("Schuldslavernij", "Servitude pour dettes", "Servidumbre por deudas", "Долговая кабала", "عبودية الدين"),
    ),
    Indicator(
        "abusive_working_living_conditions", "Abusive working and living conditions",
        N_("Degrading, hazardous or unlawful work, or overcrowded, unsanitary housing imposed on the workers."),
        ("no protective equipment", "overcrowded dormitories", "no clean water"),
        frozenset({INVOLUNTARINESS}),
        _names("Misbruikende werk- en leefomstandigheden", "Conditions de travail et de vie abusives",
               "Condiciones de trabajo y de vida abusivas", "Недопустимые условия труда и проживания", "ظروف العمل والمعيشة المسيئة"),
    ),
    Indicator(
        "excessive_overtime", "Excessive overtime",
        N_("Hours or days beyond what the law or the agreement allows, without rest days, because of a threat "
           "or because the base pay is too low."),
        ("12–16 hour days", "seven days a week", "forced extra shifts"),
        frozenset({INVOLUNTARINESS}),
        _names("Buitensporig overwerk", "Heures supplémentaires excessives", "Horas extraordinarias excesivas",
               "Чрезмерная сверхурочная работа", "العمل الإضافي المفرط"),
    ),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}
IDS: tuple[str, ...] = tuple(BY_ID)
