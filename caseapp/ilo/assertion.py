"""Whether a sentence says something happened to the workers of this text. Plain Python.

Cue words stand in many sentences that assert nothing about these workers: a question put to them
("Did anyone hit you?"), a heading in an audit ("Harassment and violence."), talk of other places and of
the field in general ("NGOs say passport confiscation is common in the sector", "a course on recognising
debt bondage"), a report that found nothing ("none of the workers reported threats"), and, in a text that
says the allegations were refuted (an acquittal, an inspection that found nothing), the allegations
themselves ("the prosecution alleged that he kept their passports"). Such sentences propose nothing.
"""
from __future__ import annotations

import re

from caseapp.ilo.patterns import folded

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
# Quotation marks that open quoted speech: a question in quotes may be a threat ("Where will you go?").
_QUOTES = "«“„\"‹"
HEADING_WORDS = 4  # a sentence of fewer words is a heading or a one-word answer, not a statement

# The field in general, other places, training and lists of indicators.
_GENERIC = folded(
    r"\b(?:elsewhere|in other (?:companies|firms|farms|jobs|sectors|countries)|other employers|worldwide|"
    r"common in|widespread|indicators?|recogni[sz]ing|"
    r"elders|bij andere (?:bedrijven|werkgevers)|wereldwijd|herkennen|"
    r"ailleurs|d'autres (?:entreprises|employeurs|exploitations)|dans le monde|"
    r"indicateurs?|reconnaître|repérer|"
    r"en otr[ao]s (?:empresas|fincas|países|sectores)|en el mundo|indicadores?|reconocer|"
    r"anderswo|in anderen (?:betrieben|unternehmen|ländern)|aus anderen betrieben|weltweit|"
    r"indikatoren|erkennen|"
    r"em outr[ao]s (?:empresas|fazendas|países)|no mundo|indicadores|reconhecer|"
    r"altrove|in altre (?:aziende|imprese)|nel mondo|indicatori|riconoscere|"
    r"gdzie indziej|w innych (?:firmach|zakładach|krajach)|na świecie|wskaźnik\w{0,3}|rozpozna\w{0,6}|"
    r"в других (?:компаниях|странах)|в мире|индикатор\w{0,3}|распозна\w{0,6}|"
    # hearsay of others' stories: "I have heard of bosses who...", "man liest oft von..."
    r"typical\w{0,2}|typisch\w{0,2}|typique\w{0,2}|típic\w{0,2}|tipic\w{0,2}|typow\w{0,2}|типичн\w{0,3}|classic\w{0,2}|"
    r"klassisch\w{0,2}|classiques?|clásic\w{0,2}|classic[io]|klasyczn\w{0,2}|классическ\w{0,3}|risk factors?|"
    r"risicofactor\w{0,2}|facteurs? de risque|factores de riesgo|risikofaktor\w{0,2}|fatores de risco|"
    r"fattori di rischio|czynnik\w{0,3} ryzyka|факторы риска|international labou?r organi[sz]ation|"
    r"organisation internationale du travail|organización internacional del trabajo|"
    r"internationale arbeitsorganisation|internationale arbeidsorganisatie|organização internacional do trabalho|"
    r"organizzazione internazionale del lavoro|międzynarodowej organizacji pracy|международн\w{0,3} организаци\w{0,2} "
    r"труда|punishable by|passible de|castigad\w{0,2} con|strafbar mit|punibile con|zagrożon\w{0,2} kar|наказыва\w{0,5} "
    r"лишением|"
    r"la pena va|la norma|"
    r"\b(?:law|lei|ley|loi|gesetz|wet|legge|ustawa|закон|code|código|codice|kodeks|кодекс|verordnung|regulation|"
    r"règlement|reglamento|regulamento|regolamento|rozporządzenie|convention|übereinkommen|convenio|convenção)\b"
    r"[^.]{0,80}\b(?:defines?|define|définit|prévoit|establece|sieht vor|bepaalt|stabilisce|prevede|prevê|aponta|"
    r"przewiduje|stanowi|предусматривает|определяет|übernimmt|takes over|lists?|enumera|elenca|noemt)\b|"
    r"\b(?:definition|definición|définition|definizione|definição|definicj\w{0,2}|определени\w{0,2}|definitie)\b|"
    r"previst\w{0,2} (?:no|en el|nel|dans l'|im) (?:mesmo )?(?:artigo|artículo|articolo|article|artikel)|"
    r"w artykule|в статье|"
    r"contactez|appelez|llame[n]?\b|contacte[n]?\b|\bligue\b|chiamate|zadzwoń|звоните|обращайтесь|rufen sie|"
    r"wenden sie sich|neem contact op|call the helpline|contact the (?:helpline|union|inspectorate)|"
    r"menace of any penalty|sous la menace d'une peine quelconque|bajo (?:la )?amenaza de una pena cualquiera|"
    r"unter androhung irgendeiner strafe|sob (?:a )?ameaça de (?:qualquer|uma) (?:pena|sanção)|sotto la minaccia di "
    r"una (?:qualsiasi )?(?:pena|punizione)|pod groźbą jakiejkolwiek kary|под угрозой (?:какого-либо )?наказания|"
    r"are crimes|under (?:other )?laws|\brife\b|endemic|rampant|common practice|gang und gäbe|monnaie courante|"
    r"práctica habitual|pratica diffusa|prática comum|powszechn\w{0,3}|распространен\w{0,3}|"
    r"(?:many|muchas|muchos|beaucoup d[e']|viele|veel|molti|molte|muitos|muitas|wiele|многие) [^.]{0,30}(?:say|tell|"
    r"report|cuentan|dicen|racontent|disent|erzählen|berichten|zeggen|vertellen|raccontano|dicono|contam|dizem|"
    r"mówią|opowiadają|рассказывают|говорят)|sont des (?:crimes|délits)|son delitos|sind straftaten|zijn strafbaar|"
    r"sono reati|são crimes|są przestępstw\w{0,2}|являются преступлени\w{0,2}|"
    r"(?:international|internationale?s?|internacional\w{0,2}|internazional\w{0,2}|międzynarodow\w{0,3}|"
    r"международн\w{0,3}) (?:reports?|organi\w{0,9}|rapports?|informes?|berichte?n?|relatórios?|rapporti|raport\w{0,3}|"
    r"доклад\w{0,2}|правозащит\w{0,5})|non-?governmental organi|organisations non gouvernementales|"
    r"organizaciones no gubernamentales|nichtregierungsorganisationen|organizações não governamentais|"
    r"organizzazioni non governative|organizacj\w{0,3} pozarządow|gulf states|countries of the gulf|"
    r"pays du golfe|países del golfo|países do golfo|golfstaaten|paesi del golfo|państwach zatoki|"
    r"стран\w{0,2} (?:персидского )?залива|one in (?:five|four|three|ten)|jeder (?:fünfte|vierte|dritte)|"
    r"één op de (?:vijf|vier|drie|tien)|un(?:e)? sur (?:cinq|quatre|trois|dix)|uno de cada|um em cada|"
    r"uno su (?:cinque|quattro|tre|dieci)|co (?:piąty|czwarty|trzeci|dziesiąty)|каждый (?:пятый|четв[её]ртый|третий)|"
    r"not every|pas (?:toute?s?|chaque)|no tod[oa]s?|nicht jede\w?|niet (?:elke|iedere)|non ogni|nem tod[oa]|"
    r"nie każd\w{0,2}|не (?:всякая|каждая|всякий|каждый)|"
    r"heard (?:of|about) (?:other|bosses|employers|cases|companies|farms)|entendu parler de (?:patrons|cas|"
    r"gens|sociétés)|oído hablar de (?:jefes|casos|empresas)|ouvi falar de (?:patrões|casos)|"
    r"sentito parlare di (?:padroni|casi|aziende)|liest (?:oft|man)|on lit souvent|se lee)\b")

# Advice to the reader: "If your passport has been taken, call the helpline."
_ADVICE = folded(
    r"^\W{0,3}(?:if|si|wenn|falls|als|se|jeśli|jeżeli|если)\b[^.]{0,160}\b(?:call|contact|write|go to|ask|"
    r"appelez|contactez|écrivez|adressez|llame|contacte|escriba|acuda|rufen sie|wenden sie|melden sie|bel|neem contact|"
    r"chiama|contatta|scrivi|rivolgiti|ligue|contacte|procure|zadzwoń|skontaktuj|napisz|zgłoś|пишите|звоните|"
    r"обращайтесь|сообщите)\b")

# A report that found nothing: "none of the workers reported threats", "non emergono violenze".
_DENIED_REPORT = folded(
    r"\b(?:no(?:ne)? (?:of (?:the )?)?(?:\w{1,20} ){0,2}(?:workers?|one|employees?|interviewees?|pickers?|people)|"
    r"nobody|no worker)\b[^.?!]{0,16}"
    r"\b(?:reported|mentioned|described|said|complained|stated)\b|answered (?:in the )?negative|"
    r"\b(?:niemand|geen van de\w*)\b[^.?!]{0,40}\b(?:meldde|noemde|zei|klaagde|verklaarde)\b|"
    r"\baucun\w{0,2}\b[^.?!]{0,60}\bn'a fait état\b|\bn'ont fait état\b|\baucun\w{0,2} (?:salarié|travailleu)\w{0,2} "
    r"n'a|\bnadie\b[^.?!]{0,40}\b(?:denunció|mencionó|relató|declaró)\b|\bningun[oa]\b[^.?!]{0,40}"
    r"\b(?:denunció|mencionó|relató|declaró)\b|\bno se (?:ha )?(?:constatado|detectado|observado)|"
    r"\b(?:keine?r?|niemand)\b[^.?!]{0,40}\b(?:berichtete|erwähnte|klagte|gab an)\b|nicht die rede|"
    r"\bnenhum\w{0,2}\b[^.?!]{0,40}\b(?:relatou|denunciou|mencionou|declarou)\b|\bninguém\b[^.?!]{0,40}"
    r"\b(?:relatou|denunciou|mencionou)\b|\bnon emerg\w{0,6}|\bnessun\w{0,2}\b[^.?!]{0,40}"
    r"\b(?:ha riferito|ha denunciato|ha segnalato|ha parlato)\b|risposto negativamente|geen sprake|geen signalen van|"
    r"\bnessun\w{0,2}\b[^.?!]{0,40}\b(?:rifer|denunci|segnal|parl|lament)\w{0,6}|"
    r"\b(?:non è vero|it is not true|it was not true|no es cierto|il n'est pas vrai|es ist nicht wahr|"
    r"het is niet waar|não é verdade|nieprawda|неправда)\b|(?:no|tampoco) se confirm\w{0,4}|"
    r"non ha (?:invece )?ritenuto provat\w|not (?:found|held) (?:to be )?proven|n'a pas (?:été )?(?:retenu|jugé)|"
    r"no (?:ha )?considerado probad|nicht für erwiesen|niet bewezen|não (?:considerou|julgou) provad|"
    r"nie uznał\w{0,2} za udowodnion|не признал\w{0,2} доказанн|nie stwierdzono|"
    r"(?:asked (?:if|whether)|perguntad\w{0,2} se|gevraagd of|demandé\w{0,2} si|preguntad\w{0,2} si|"
    r"gefragt,? ob|chiest\w{0,2} se|zapytan\w{0,2},? czy|на вопрос)[^.]{0,80}\b(?:não|no|not|nie|non|nicht|niet|не|"
    r"nunca|never|jamais|mai)\b|^\W{0,3}(?:no|nie|нет|non|nein|nee|não)\b,|there (?:is|was) no (?:question|sign|evidence) of|"
    r"il n'(?:y a|est) pas (?:question|trace)|no (?:hay|había|hubo) (?:rastro|indicio|signo)|keine rede|"
    r"non (?:si tratta|c'è traccia)|não há indícios?|nie ma mowy|речи не|нет и речи|"
    r"\baucun\w{0,2}\b[^.?!]{0,60}\bn'(?:a|ont) (?:déclaré|signalé|mentionné|évoqué|dit)|niet aannemelijk|not (?:been )?(?:proven|plausible)|pas (?:été )?établi\w{0,2}|"
    r"no (?:ha quedado |quedó )?acreditad\w{0,2}|nicht erwiesen|non (?:è stat[oa] )?provat\w{0,1}|"
    r"não (?:ficou )?(?:provad|comprovad)\w{0,2}|nie udowodn\w{0,4}|не доказан\w{0,2}|não houve relatos|"
    r"no hubo (?:denuncias|relatos|quejas)|il n'y a pas eu de|there were no (?:reports|complaints)|"
    r"es gab keine (?:berichte|hinweise|beschwerden)|er waren geen (?:meldingen|klachten)|"
    r"non ci sono state (?:segnalazioni|denunce)|nie było (?:zgłoszeń|skarg)|жалоб не (?:было|поступало)|nie potwierdził\w{0,2}|not (?:been )?(?:confirmed|substantiated)|"
    r"n'(?:a|ont) pas été confirm\w{0,3}|no se (?:han )?confirmado|nicht bestätigt|niet bevestigd|"
    r"non (?:sono stat[ei] |è stat[oa] )?confermat\w{0,1}|não (?:foram |foi )?confirmad\w{0,2}|не подтвердил\w{0,2}|none of (?:this|that) (?:happen|occur|was (?:the case|true))|"
    r"nada de (?:eso|esto) (?:ocurre|ocurrió|pasa|pasó|sucede|sucedió)|rien de (?:tout )?cela n'|"
    r"nichts davon (?:trifft|stimmt|ist|war)|niets van dat (?:gebeurt|is)|nulla di (?:tutto )?questo (?:succede|è)|"
    r"nada disso (?:acontece|aconteceu)|nic z tego (?:się nie|nie)|ничего из этого не|in geen enkel|"
    r"respondi\w{0,5} (?:que no|negativamente)|répondu (?:non|par la négative)|verneint|ontkennend|"
    r"\bnikt\b[^.?!]{0,40}\b(?:nie zgłosił|nie skarżył|nie wspomniał)|odpowiedzi\w{0,4} przecząco|"
    r"\bникто\b[^.?!]{0,40}\bне (?:сообщ|жалов|упомина)\w{0,6}|ответили отрицательно")

# In a text that says the charges or the complaint came to nothing, the sentences that only allege.
_REFUTED = folded(
    r"\b(?:acquitt\w{0,4}|cleared of|found no evidence|no evidence (?:was found|of)|unfounded|not substantiated|"
    r"could not be (?:confirmed|substantiated)|"
    r"vrijgesproken|vrijspraak|ongegrond|niet bevestigd|geen bewijs|"
    r"relax[ée]\w{0,2}|acquitt[ée]\w{0,2}|infond[ée]\w{0,2}|non fond[ée]\w{0,2}|n'(?:a|ont) pas été (?:confirm|constat)\w{0,4}|"
    r"aucune preuve|"
    r"absuelt[oa]s?|absolvi[óo]|absolución|infundad[oa]s?|sin fundamento|no (?:se )?(?:ha )?(?:podido )?"
    r"(?:confirmar|acreditar|constatar)|ninguna prueba|"
    r"freigesprochen|freispruch|unbegründet|nicht bestätigt|keine beweise|keine belege|"
    r"absolvid[oa]s?|absolvição|infundad[oa]s?|não (?:foi|foram) confirmad\w{0,2}|nenhuma prova|"
    r"assolt[oi]|assoluzione|infondat[eoi]|non (?:sono|è) stat[eoi] confermat[eoi]|nessuna prova|"
    r"uniewinnion\w{0,2}|bezpodstawn\w{0,3}|nie potwierdzi\w{0,4}|brak dowodów|"
    r"оправдан\w{0,2}|необоснованн\w{0,3}|не подтвердил\w{0,2}|доказательств не|"
    r"found no|no (?:signs|indication)s? of|dismissed the (?:claim|case|complaint)|(?:claim|complaint) was dismissed|"
    r"geen (?:aanwijzingen|signalen)|wijst (?:de )?vordering\w{0,2} af|vordering\w{0,2} (?:wordt|worden) afgewezen|"
    r"aucun (?:élément|indice)|n'a (?:rien )?(?:relevé|constaté)|débout[ée]\w{0,2}|"
    r"no se (?:han )?(?:encontrado|hallado|detectado|constatado)|sin indicios|ningún indicio|desestim\w{0,5}|"
    r"keine (?:hinweise|anhaltspunkte)|abgewiesen|"
    r"não (?:foram )?(?:encontrad|constatad|detectad)\w{0,2}|nenhum indício|improcedente|"
    r"nessun (?:indizio|elemento)|non (?:sono stati|è stato) (?:riscontrat|rilevat)\w{0,1}|respint\w{0,1}|rigettat\w{0,1}|"
    r"nie stwierdzono|brak (?:śladów|nieprawidłowości)|oddalił\w{0,2}|"
    r"не выявлен\w{0,2}|не обнаружен\w{0,2}|опроверг\w{0,4}|refuted|widerlegt|weerlegd|réfuté\w{0,2}|refutad\w{0,2}|"
    r"confutat\w{0,1}|obalon\w{0,2}|could not substantiate|unable to substantiate|keine verstöße|no violations|"
    r"geen overtredingen|aucune infraction|ninguna infracción|nenhuma infração|nessuna violazione|"
    r"nie stwierdzono naruszeń|нарушений не (?:выявлено|установлено)|not (?:corroborated|borne out)|отказал\w{0,2} в (?:иске|удовлетворении))\b")
_ALLEGED = folded(
    r"\b(?:alleg\w{0,6}|accusations?|accused of|anonymous|complaint (?:that|about)|tip-off|claimed that|"
    r"beweerd\w{0,2}|aanklager stelde|anonieme?|melding (?:dat|over)|stelde (?:eerst )?dat|"
    r"soutenait|prétend\w{0,4}|anonyme|signalement|plainte (?:selon|pour)|évoquant|"
    r"sostenía|acusación|anónim[oa]|denuncia (?:que|anónima)|hablaba de|"
    r"vorwurf|vorgeworfen|behauptet\w{0,2}|anonym\w{0,2}|hinweis,? wonach|anklage (?:warf|ging)|"
    r"acusação|alegad\w{0,2}|anônim[oa]|denúncia|"
    r"l'accusa|accusa (?:sosteneva|ipotizzava)|sosteneva|anonim[oa]|segnalazione|esposto|"
    r"zarzuc\w{0,5}|oskarżeni[ea]\b|akt oskarżenia|anonimow\w{0,2}|zgłoszeni\w{0,2}|donos\w{0,2}|"
    r"обвинени\w{0,2}|утверждал\w{0,2}|анонимн\w{0,3}|жалоб\w{0,2}|якобы|allegedly|zogenaamd|angeblich|"
    r"prétendument|supuestamente|presuntamente|alegadamente|presumibilmente|rzekomo|told (?:investigators|police|"
    r"inspectors)|(?:anlass|origen|contexte|motivação|motivo|доводы обращения|основание|aanleiding|background|"
    r"occasione|powód)\s?:)\b")
# Where the refutation is, the allegation sentences say what was claimed and then disproved.


def refutes_allegations(lowered_text: str) -> bool:
    """Whether the text says its allegations came to nothing (an acquittal, a complaint found unfounded)."""
    return _REFUTED.search(lowered_text) is not None


_DENIAL = frozenset("only seulement solo nur alleen soltanto tylko только no nope never none not nobody nee nooit geen niet non jamais aucun nein nie niemals kein keine "
                    "nunca ninguno ninguna nada não nenhum nenhuma mai nessuno niente nigdy żaden нет никогда "
                    "ни не".split())


QUESTION_WORDS = 30  # a longer question (a parliamentary one) is not an interview's, whose answer may say yes


def kind(sentence: str, lowered: str, allegations_refuted: bool = False) -> str:
    """ "statement" (something that happened to the workers), "question" (put to them, its answer may
    say yes), or "other" (a heading, the field in general, a report that found nothing, a refuted
    allegation, a long question)."""
    if _not_these_workers(lowered):
        return "other"
    words = len(_WORDS.findall(sentence))
    stripped = sentence.strip().rstrip(_QUOTES + "»”’')]").rstrip()
    if stripped.endswith("?") and not sentence.lstrip().startswith(tuple(_QUOTES)):
        return "question" if words <= QUESTION_WORDS else "other"
    if words < HEADING_WORDS:
        return "other"
    if allegations_refuted and _ALLEGED.search(lowered):
        return "other"
    return "statement"


def short_answer(sentence: str, lowered: str) -> bool:
    """A sentence too short to be a statement that may be the answer to the question before it
    ("— Четырнадцать, пятнадцать.", "Dziesięć, jedenaście."): not the field in general or a denied report."""
    return len(_WORDS.findall(sentence)) < HEADING_WORDS and not sentence.rstrip().endswith("?") and \
        not _not_these_workers(lowered)


def _not_these_workers(lowered: str) -> bool:
    """The field in general, a report that found nothing, advice."""
    return bool(_GENERIC.search(lowered) or _DENIED_REPORT.search(lowered) or _ADVICE.search(lowered))


def asserted(sentence: str, lowered: str, allegations_refuted: bool = False) -> bool:
    """Whether the sentence states something that happened to the workers of this text."""
    return kind(sentence, lowered, allegations_refuted) == "statement"


def denies(lowered_answer: str) -> bool:
    """Whether an answer says no in its first words ("No, never.", "Nunca.", "Der Bundesregierung liegen
    keine Erkenntnisse vor")."""
    return any(word in _DENIAL for word in _WORDS.findall(lowered_answer)[:6])


# Sentences that take one indicator away, whatever cue stands in them.
_LAWFUL = (r"zulässig|permissible|toegestane|autorisé|permitid|consentit|dozwolon|допустим|afgesproken|vereinbart|"
           r"convenut|uzgodnion|оговорен|\blegal|\blégal|statutory|\blawful|\bley\b|\bloi\b|\blei\b|\blegge\b|przepis|закон|convenio|"
           r"(?:in|dans|en|im|nel|w|в|no|in het) (?:the |le |el |il |o )?(?:contract|contrat|contrato|contratto|"
           r"vertrag|umowie|договоре)|pactad|acordad|zgod[ęa]|consent|interest-free|zinsfrei|"
           r"sans intérêts?|sin intereses|senza interessi|sem juros|bez odsetek|без процентов|lecit|plafond|"
           r"within the (?:statutory )?limit|mieści się|rientra|dentro (?:de )?los límites|cao\b|tarif")
_DEDUCTION = (r"deduct|retenue|retenu|descuent|abgezog|abzug|descont|trattenut|potrąc|удерж|inhoud|ingehouden|"
              r"offset|afgetrokken|ingehouden|prélev")
_REFUTERS = {
    # A deduction the law or the contract allows is not wages withheld, nor a debt that binds.
    ("withholding_of_wages", "debt_bondage"): folded(
        rf"(?:{_DEDUCTION})[^.]{{0,160}}(?:{_LAWFUL})|(?:{_LAWFUL})[^.]{{0,160}}(?:{_DEDUCTION})"),
    # Pay talks: a freeze or a pay offer is not pay withheld.
    ("withholding_of_wages",): folded(
        r"freez|congel|bevries|einfrier|zamroż|замороз|real-terms|pay (?:cut|rise|offer)|loonbod|lohnangebot|"
        r"tarifangebot|aumento salarial|augmentation de salaire|podwyżk|повышени\w{0,3} зарплат"),
    # Documents and doors the workers themselves hold the key to; buildings locked when empty or for safety.
    ("restriction_of_movement", "retention_of_identity_documents"): folded(
        r"(?:own|their|his|her) (?:own )?(?:key|locker|padlock)|only (?:the )?(?:workers?|they|he|she)(?: themselves)? "
        r"ha(?:ve|s|d) (?:the|a) key|klucze mają wyłącznie|klucz\w{0,2} (?:ma|mają) tylko|di cui solo|solo (?:il lavoratore|"
        r"loro) (?:aveva|avevano|ha|hanno) la chiave|chiudo io|nur (?:die beschäftigten|sie) selbst|eigenen schlüssel|"
        r"leur propre clé|sa propre clé|su propia llave|sus propias llaves|eigen sleutel|свой ключ|своим ключом|"
        r"własn\w{0,3} klucz|própria chave|propria chiave|"
        r"when (?:the building is )?empty|(?:bâtiment|atelier) est vide|no queda nadie|niemand (?:meer )?binnen|"
        r"wenn niemand|non c'è nessuno|nikogo nie ma|никого нет|for (?:security|safety) reasons|par sécurité|"
        r"por seguridad|aus sicherheitsgründen|uit veiligheid|per sicurezza|ze względów bezpieczeństwa|"
        r"в целях безопасности|break-?ins?|ingebroken|inbraak|cambriol|einbr[uü]ch|włamani|взлом|thefts?\b|stolen|"
        r"diefstal|\brobos?\b|diebstahl|furt[oi]\b|kradzież\w{0,2}|краж\w{0,2}|для охраны|"
        r"everyone has a (?:key|remote|fob|code)|ieder(?:een)? heeft een (?:sleutel|code)|chacun a (?:une clé|un badge|"
        r"un code)|cada uno tiene (?:llave|mando)|jeder hat einen (?:schlüssel|code)|ognuno ha (?:la chiave|il "
        r"telecomando)|cada um tem (?:chave|comando)|każdy ma (?:pilota|klucz)|у каждого (?:есть )?(?:ключ|пульт)|"
        r"калитка открыта"),
    # A prison sentence handed to the accused is not the workers' confinement.
    ("restriction_of_movement",): folded(
        r"(?:years?|anni|años|ans|jahre\w?|jaar|lat|лет|anos|months?|mesi|meses|mois|monate\w?|maanden|miesięcy|"
        r"месяц\w{0,2}) (?:of |de |di )?(?:reclusione|prisión|prison|imprisonment|prisão|haft|gevangenisstraf|celstraf|"
        r"pozbawienia wolności|лишения свободы|jail)|(?:reclusione|prisión|prison|prisão|haft|gevangenisstraf|"
        r"pozbawienia wolności|лишения свободы) (?:de |di |von |van |of )?(?:\d|un\b|uno|one|ein|een|jeden|один)"),
    ("retention_of_identity_documents",): folded(
        r"\b(?:all|tutti|alle|tous|todos|todas|wszyscy|все|iedereen|jeder|every (?:worker|one))\b[^.]{0,50}"
        r"(?:on them|with them|con sé|bei sich|bij zich|sur eux|consigo|przy sobie|u siebie|на руках|у себя|"
        r"(?:their|i propri|hun eigen|ihre eigenen|leurs propres|sus propios|os seus|swoje|свои) (?:own )?"
        r"(?:documents|documenti|papieren|papiere|papiers|documentos|dokumenty|документы|passports?|passaporti|"
        r"paspoorten|pässe|passeports|pasaportes|passaportes|paszporty|паспорта))|"
        r"(?:handed|gave|given) (?:them |it )?back (?:the same|immediately|at once|straight away)|"
        r"rendu\w{0,2} (?:le jour même|aussitôt)|"
        r"devuelt[oa]s? (?:el mismo día|enseguida)|restituit[oi] (?:subito|lo stesso giorno)|"
        r"devolvid[oa]s? (?:no mesmo dia|logo)|zwrócon\w{0,2} (?:tego samego dnia|od razu)|вернули (?:в тот же день|сразу)"),
    # Violence the workers met from others than those they work for: each other, strangers, passengers,
    # patients, a fight in a bar, an accident, the police at a protest.
    ("physical_sexual_violence",): folded(
        r"each other|einander|gegenseitig|entre eux|entre ellos|tra (?:di )?loro|między sobą|друг друга|"
        r"nawzajem|sloegen elkaar|met elkaar|unbekannt\w{0,2}|inconnus?\b|desconocid\w{0,2}|sconosciut\w{0,1}|"
        r"nieznan\w{0,3}|неизвестн\w{0,3}|passenger|passagier|pasażer\w{0,2}|пассажир\w{0,2}|\ba patient|"
        r"une? patient|patiënt|pacjent\w{0,2}|usag[eè]re?s?\b|bar fight|\brissa\b|bójk\w{0,2}|драк\w{0,2}|\bpub\b|"
        r"discoteca|kneipe|\bdisco\b|(?:traffic|road|car) accident|verkeersongeval|autounfall|accident de la route|"
        r"accidente de tráfico|acidente de trânsito|incidente stradale|wypad\w{0,3} drogow|дтп|"
        r"violences? policières?|violencia policial|polizeigewalt|politiegeweld|przemoc policji|"
        r"police (?:violence|brutality)|(?:beaten|hit|struck|attacked) by (?:the )?police|police (?:officers? )?(?:beat|"
        r"hit|struck|charged|attacked)|truncheon|baton charge|дубинк\w{0,2}|manganell\w{0,2}|porrazos|cassetete|"
        r"schlagstock|knüppel|wapenstok|pałk\w{0,2}|"
        r"drunk|betrunken|dronken|\bivre|borrach|ubriac|bêbad|pijan|пьян|accident|ongeluk|unfall|acidente|"
        r"incidente|wypad\w{0,3}|авари|\bdtp\b|дтп|agitat|alzheimer|demen"),
    # Threats in industrial disputes and from rivals are not the employer's menace to the workers.
    ("intimidation_threats",): folded(
        r"\b(?:we|wij|wir|nous|nosotros|noi|nós|my|мы) (?:are )?(?:threaten\w{0,3}|dreigen|drohen|menaçons|amenazamos|"
        r"minacciamo|ameaçamos|grozimy|грозим|угрожаем)|threatening (?:industrial )?action|threaten(?:s|ed)? (?:a )?"
        r"strike|dreig\w{0,3} met (?:een )?(?:staking|acties)|drohen\w{0,2} mit (?:einem |diesem )?(?:warn)?streik|"
        r"menac\w{0,5} de (?:grève|faire grève)|amenaz\w{0,4} con (?:huelga|parar|paro)|minacci\w{0,4} (?:lo )?sciopero|"
        r"ameaç\w{0,4} (?:com )?greve|grozi\w{0,3} (?:strajkiem|paraliżem)|угрож\w{0,5} забастовк|"
        r"\b(?:a |un |el |der |een |il |o |ein )?(?:competitor|concurrent|concurrente|konkurrent|concorrente|"
        r"konkurent|конкурент)"),
    # Around the clock for a room, a helpline or talks is not the workers' hours.
    ("excessive_overtime",): folded(
        r"accessible|zugänglich|toegankelijk|accesible|acessível|accessibile|dostępn\w{0,2}|доступ\w{0,2}|"
        r"\bopen\b|geöffnet|geopend|ouvert\w{0,1}|abiert\w{0,1}|abert\w{0,1}|apert\w{0,1}|otwart\w{0,2}|открыт\w{0,2}|"
        r"bereikbaar|erreichbar|joignable|staffed|helpline|hotline|négoci|negotiat|onderhandel|verhandl|negozi|"
        r"negoci|negocj|переговор|(?:durée|duración|dauer|duur|durata|duração|czas pracy|продолжительност\w{0,3}) "
        r"maxim\w{0,3}|maximum (?:working )?(?:hours|week)|höchstarbeitszeit|arbeitszeitgesetz|working time directive|"
        r"en principe|in principle|grundsätzlich|in principe|in linea di principio|em princípio|w zasadzie|"
        r"dérogation|derogation|vrijwillig|voluntar\w{0,3}|freiwillig\w{0,2}|volontaire\w{0,1}|volontari\w{0,1}|"
        r"dobrowoln\w{0,3}|добровольн\w{0,3}|reducción|réduction|verkürz\w{0,4}|verkort\w{0,4}|riduzione|redução|"
        r"skrócen\w{0,2}|сокращени\w{0,2}|reclam\w{0,4}|reivindic\w{0,4}"),
    # Working alone as a safety matter, and remoteness with free transport.
    ("isolation",): folded(
        r"lone work|travail isolé|alleinarbeit|alleen werken|lavoro isolato|trabajo aislado|free (?:bus|shuttle|"
        r"transport)|navette gratuite|transporte gratuito|kostenlos\w{0,2} (?:bus|shuttle)|gratis (?:bus|vervoer)|"
        r"trasporto gratuito|darmowy (?:autobus|transport)|бесплатн\w{0,3} (?:автобус|транспорт)"),
}


# A deduction "well above what the contract allows" is not a lawful one.
_EXCESS = folded(r"\babove\b|exceed|more than|\bover\b|\büber|\bboven|au-delà|supérieur|por encima|acima|oltre|"
                 r"powyżej|сверх|превыша|illegal|unlawful|illégal|ilegal|illecit|nielegal|незаконн|abusive|abusiv")
_DEDUCTIONS = ("withholding_of_wages", "debt_bondage")


def refuted(lowered: str, among=None) -> set[str]:
    """The indicators this sentence takes away: a lawful deduction, a worker's own key, a fight in a bar.
    among: only these indicators are asked about (the ones proposed for the sentence), when given."""
    gone: set[str] = set()
    for indicators, pattern in _REFUTERS.items():
        if among is not None and among.isdisjoint(indicators):
            continue
        if pattern.search(lowered) and not (indicators == _DEDUCTIONS and _EXCESS.search(lowered)):
            gone.update(indicators)
    return gone
