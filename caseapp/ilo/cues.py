"""What reporters write when they describe each ILO indicator, in nine languages. Plain data.

Each pattern is a regular expression (case-insensitive, matched inside one
sentence); the text it matches is the cue a suggestion names. They describe
how such things are said in general — not any particular article.
"""
from __future__ import annotations

CUES: dict[str, list[str]] = {
    "deception": [
        r"\bpromis\w*", r"\bbeloof\w*|\btoegezegd", r"\bpromet\w*|\bpromesse", r"\bprometi\w*|\bpromesa",
        r"\bversproch\w*|\bzugesagt", r"\bprometeu|\bprometid\w*|\bpromessa", r"\bpromesso|\bpromisero",
        r"\bobiecan\w*|\bobiecyw\w*|\bobiecał\w*", r"\bобеща\w*",
        r"\badvertised as\b|\bjob advert", r"contract(?:s)? (?:in a language|substitut)",
        r"\b(?:told|lied|misled|deceived|tricked)\b[^.]{0,60}\b(?:would|job|work|salary|pay)\b",
        r"\bbedrog\w*|\bmisleid\w*", r"\btromp\w*|\bmensong\w*", r"\bengañ\w*", r"\bgetäuscht|\btäusch\w*",
        r"\benganad\w*|\bengano", r"\bingannat\w*|\binganno", r"\boszuka\w*", r"\bобман\w*",
        r"\binstead of the (?:promised|agreed)", r"\bcontrairement à ce qui\b",
        r"\b(?:different|other) (?:job|work) than\b", r"never (?:came|materiali[sz]ed|happened)",
        r"\bnooit (?:gekomen|nagekomen)", r"\bnunca (?:llegó|se cumplió)",
    ],
    "withholding_of_wages": [
        r"\b(?:not|never|no longer|hadn't|haven't|hasn't|had not|has not|have not) (?:been )?paid\b",
        r"\bunpaid (?:wages|salar)", r"\bno (?:wages|salary|pay)\b", r"\bwithh[eo]ld\w* (?:their |the )?(?:wages|pay)",
        r"\b(?:wages|salar\w+|pay) (?:were |was )?(?:paid |handed )?(?:to|into) (?:the|a|an) (?:agency|agent|recruiter|"
        r"employer|broker|guards?|minders?|state|company|boss)",
        r"\b(?:collect\w*|kept|keeps|keep|hold\w*|held|took|take\w*) (?:the |their |all )?(?:wages|salar\w+|earnings|"
        r"pay)\b",
        r"\b(?:wages|salar\w+|money) (?:is |was |were )?(?:kept|held|withheld|retained)",
        r"\bdeduct\w*|\bdeduction", r"\breceived (?:only |just )?(?:a fraction|less than|nothing|no )",
        r"\bfraction of (?:the|their|his|her) (?:wage|salar|pay)",
        r"\b(?:niet|nooit|geen) (?:uit)?betaald|\bniet betaald|\bloon (?:werd |wordt )?(?:ingehouden|achtergehouden)|"
        r"\binn\w* de lonen|\bingehouden|\binhouding\w*",
        r"\bontving (?:gemiddeld |slechts |maar )?\d+", r"\bkreeg (?:slechts |maar )?\d+",
        r"\bjamais (?:été )?pay\w*|\bpas (?:été )?pay\w*|\bimpay\w*|\bretenues?\b|\bprélev\w*|\baucun salaire",
        r"\bno (?:les |le |me )?pag\w*|\bsin (?:cobrar|sueldo|salario)|\bsolo recib\w*|\bdescuent\w*|"
        r"\bretení\w*|\bretuv\w*",
        r"\b(?:nicht|kein\w*|nie) (?:\w+ )?(?:bezahlt|gezahlt|lohn)|\blohn (?:wurde )?(?:einbehalten|zurückbehalten)|"
        r"\beinbehalten|\babgezogen|\babzüg\w*",
        r"\bnão (?:\w+ )?(?:pag\w*|receb\w*)|\bsem salário|\bdescont\w*|\bretid\w*",
        r"\bnon (?:\w+ )?(?:pagat\w*|retribuit\w*)|\bsenza (?:stipendio|paga)|\btrattenut\w*",
        r"\bnie (?:\w+ )?(?:wypłac\w*|zapłac\w*|otrzymywa\w*)|\bpotrąc\w*|\bzatrzym\w* (?:pensj|wypłat|wynagr)",
        r"\bне (?:\w+ )?(?:плати\w*|выплачива\w*|заплати\w*|получа\w*)|\bудержива\w* (?:зарплат|заработ)|"
        r"\bполучил\w* (?:в общей сложности |всего |лишь |только )",
        r"\b(?:savings|advances?) (?:held|kept)|\bkeeps? the money\b|\bkeeps? (?:\w+ )?money for\b",
        r"\badvance payments?\b", r"\bpaid (?:only )?(?:at|on) the end of\b",
    ],
    "retention_of_identity_documents": [
        r"\bpassports?\b[^.]{0,60}\b(?:held|kept|took|taken|confiscat\w*|collect\w*|retain\w*|safe|surrender\w*|"
        r"withheld|in the office)", r"\b(?:held|kept|took|taken|confiscat\w*|collect\w*|retain\w*|has|have)\b"
                                    r"[^.]{0,40}\bpassports?\b",
        r"\b(?:identity|ID|seaman'?s?) (?:cards?|documents?|papers|books)\b[^.]{0,40}\b(?:held|kept|took|taken|"
        r"collect\w*|confiscat\w*)", r"\bcollected (?:the |their |all )?(?:\w+ )?(?:seaman books|passports|documents)",
        r"\b(?:paspoort\w*|identiteitsbewij\w*|verblijfsvergunning\w*|papieren)[^.]{0,50}\b(?:ingenomen|afgenomen|"
        r"afgepakt|inhield|hield|innam|kluis|ingehouden|achtergehouden|vastgehouden|in bewaring)|\b(?:innam|nam|pakte)\b"
        r"[^.]{0,30}\bpaspoort",
        r"\bpasseports?\b[^.]{0,60}\b(?:confisqu\w*|retir\w*|gard\w*|pris|rendu)|\b(?:confisqu\w*|retir\w*|pris)\b"
        r"[^.]{0,30}\bpasseport",
        r"\bpasaportes?\b[^.]{0,60}\b(?:retuv\w*|quit\w*|guard\w*|confisc\w*)|\b(?:retuv\w*|quit\w*|confisc\w*|"
        r"quedaba con|se quedó con)\b[^.]{0,30}\bpasaporte",
        r"\b(?:pass|pässe|reisepass|ausweis\w*)\b[^.]{0,50}\b(?:abgenommen|einbehalten|weggenommen|eingezogen)|"
        r"\b(?:abgenommen|einbehalten|weggenommen)\b[^.]{0,30}\b(?:pass|pässe|ausweis)",
        r"\bpassaportes?\b[^.]{0,50}\b(?:retid\w*|confisc\w*|tom\w*|guard\w*)|\b(?:retev\w*|tomou|confiscou|ficava com)"
        r"\b[^.]{0,30}\bpassaporte",
        r"\bpassaport\w*\b[^.]{0,50}\b(?:sequestrat\w*|trattenut\w*|ritirat\w*|tenut\w*)|\b(?:sequestr\w*|ritir\w*|"
        r"teneva)\b[^.]{0,30}\bpassaport",
        r"\bpaszport\w*\b[^.]{0,50}\b(?:zabra\w*|odebra\w*|zatrzyma\w*|przetrzymy\w*)|\b(?:zabra\w*|odebra\w*|"
        r"zatrzyma\w*)\b[^.]{0,30}\bpaszport",
        r"\bпаспорт\w*\b[^.]{0,50}\b(?:забра\w*|отобра\w*|изъя\w*|удержива\w*)|\b(?:забра\w*|отобра\w*|изъя\w*)\b"
        r"[^.]{0,40}\bпаспорт",
    ],
    "debt_bondage": [
        r"\b(?:debts?|loans?|advance)\b[^.]{0,60}\b(?:repa\w*|work (?:it )?off|owe\w*|interest)",
        r"\b(?:owe|owed|owing)\b[^.]{0,40}\b(?:journey|travel|fee|debt|recruit\w*)", r"\bwork off\b",
        r"\brecruitment fees?\b", r"\bborrowed\b[^.]{0,40}\b(?:fee|money|loan)", r"\bmoneylenders?\b",
        r"\bcannot go home until\b[^.]{0,40}\b(?:repaid|paid)",
        r"\bschuld\w*", r"\blening\w*\b[^.]{0,40}\b(?:terugbetal\w*|aflossen)",
        r"\bdettes?\b", r"\bendett\w*", r"\bdeuda\w*|\bdebiendo|\bdebían devolver", r"\bschulden\w*|\babarbeiten",
        r"\bdívida\w*|\bdevendo|\bdébitos?\b", r"\bdebit\w*|\bdebito\b", r"\bdług\w*|\bzadłuż\w*",
        r"\bдолг\w*|\bотрабат\w*",
        r"\b(?:company store|cantina|tienda de raya|canteen)\b[^.]{0,60}\b(?:inflated|prices|preços|precios)",
        r"\bpreços inflados|\bprecios inflados",
    ],
    "restriction_of_movement": [
        r"\blocked (?:in|the|them|inside)|\blocked from (?:the )?outside|\bpadlock\w*", r"\bnot (?:allowed|permitted) "
                                                                                         r"to (?:leave|go out)",
        r"\bescorted\b|\baccompanied by (?:a |the )?guards?", r"\bguards?\b[^.]{0,40}\b(?:gate|door|compound|watch)",
        r"\bcould not leave\b|\bcannot leave\b|\bno one could leave\b|\bwere confined\b|\bconfined to\b",
        r"\bat sea\b[^.]{0,40}\bwithout (?:entering|calling)", r"\bnever (?:entered|called at) (?:a )?port",
        r"\bboarded (?:over|up)", r"\bpermission to (?:leave|go out)",
        r"\bop slot\b|\bopgesloten|\bniet naar buiten|\bmochten niet (?:weg|naar buiten)|\bbewaakt\w*",
        r"\bdeur\w* (?:op slot|van buiten)", r"\benferm(?:é|ée|és|ées|ait|aient|er|ent)\b|\bpas le droit de sortir|\bn'était autorisée à sortir",
        r"\bcadenass\w*|\b(?:un|des|le|les|au|aux|par un|sous) cadenas\b|\bsurveill\w*", r"\bencerrad\w*|\bcerrad\w* con (?:llave|candado)|\bno (?:les )?dejaban salir|"
        r"\bcandado", r"\beingesperrt|\babgeschlossen|\bdurfte(?:n)? nicht (?:raus|hinaus|gehen|verlassen)",
        r"\btrancad\w*|\bvigiad\w*|\bvigiava|\bhomem armado|\bninguém podia (?:ir embora|sair)|\bnão podiam sair",
        r"\brinchiu\w*|\bsorvegliat\w*|\bnon potevano (?:uscire|andarsene)", r"\bzamkni\w*|\bpilnowan\w*|"
        r"\bnie mogli wyjść", r"\bзапира\w*|\bзаперт\w*|\bв сопровождении охранник\w*|\bне выпуска\w*|"
        r"\bохраня\w*",
        r"\bclosed (?:barracks|compound|camp)|\bgesloten (?:barak\w*|kamp\w*|terrein)|\bcamp\w* fermé|"
        r"\bbarracones cerrados|\bgeschlossene\w* (?:baracke\w*|lager\w*)|\bbarrac\w* fechad\w*|"
        r"\bcampo chiuso|\bzamknięt\w* (?:barak\w*|obóz\w*)|\bзакрыт\w* (?:барак\w*|лагер\w*)",
        r"\b(?:bussed|driven|taken) (?:to|from) (?:the )?(?:site|work)\b[^.]{0,20}\band back|"
        r"\bnaar de (?:bouw|werk)plaats en terug|\bconduits? (?:au|sur le) chantier et ramen\w*",
    ],
    "isolation": [
        r"\b(?:took|taken|confiscat\w*|collected|removed)\b[^.]{0,30}\bphones?\b", r"\bphones? (?:were )?"
                                                                                   r"(?:taken|confiscated)",
        r"\bno (?:access to (?:a |the )?)?(?:phone|satellite phone|internet|contact)\b", r"\bcalls? home were "
                                                                                          r"impossible",
        r"\bwithout (?:entering|calling at) port\b|\bnever (?:entered|called at) (?:a )?port\b",
        r"\bdid not know (?:what|which|where)\b[^.]{0,30}\b(?:town|city|place)", r"\bremote\b|\bisolat\w*",
        r"\bno (?:bus|transport|public transport)\b|\bnearest (?:town|shop)\b", r"\bcut off from\b",
        r"\btelefoon\w*\b[^.]{0,30}\b(?:afgepakt|ingenomen|afgenomen)|\bgeïsoleerd|\bafgelegen",
        r"\bisolé\w*|\bisolement|\btéléphone\w* (?:confisqu\w*|retir\w*)",
        r"\baislad\w*|\bincomunicad\w*|\b(?:celular|teléfono)\w* (?:retirad|confiscad)",
        r"\bisoliert|\babgelegen|\bhandy\w* (?:abgenommen|weggenommen)|\bkeine (?:bus|verbindung)\w*",
        r"\bisolad\w*|\bsem sinal", r"\bisolat\w*|\bcellulare (?:sequestrat|tolto)",
        r"\bodizolowan\w*|\btelefon\w* (?:zabra|odebra)", r"\bизолир\w*|\bтелефон\w* (?:забра|отобра)",
    ],
    "physical_sexual_violence": [
        r"\b(?:beat|beaten|beating|hit|struck|kicked|punched|slapped|assault\w*|raped?|sexual\w*|abused "
        r"physically)\b",
        r"\bgeslagen|\bmishandel\w*|\bverkracht\w*|\baangerand", r"\bfrapp\w*|\bbattu\w*|\bviol\w*|\bagress\w*",
        r"\bgolpe\w*|\bpegaba\w*|\babus\w* sexual\w*|\bacos\w* sexual\w*|\bviolenc\w*",
        r"\bgeschlagen|\bmisshandelt|\bvergewaltig\w*|\bsexuell\w*", r"\bespancad\w*|\bagredid\w*|\bestupr\w*",
        r"\bpicchiat\w*|\bpercoss\w*|\bviolentat\w*|\bmolestat\w*", r"\bpobi\w*|\bbit\w* przez|\bzgwałc\w*|"
        r"\bmolestow\w*", r"\bизби\w*|\bбил[иа]?\b|\bнасил\w*",
    ],
    "intimidation_threats": [
        r"\bthreat\w*", r"\bif (?:he|she|they|I|we|you) (?:tried to |tries to )?(?:leave|complain|talk|spoke)",
        r"\bwould (?:call|report|denounce)\b[^.]{0,30}\b(?:police|immigration)", r"\bdeport(?:ed|ation|ing|s)?\b|\bdeporta\w*",
        r"\b(?:shouts?|shouted|yell\w*|insult\w*)\b", r"\bblacklist\w*|\bnever (?:work|be hired) (?:here )?again",
        r"\b(?:harm|hurt|visit\w*)\b[^.]{0,20}\b(?:his|her|their) (?:parents|family|relatives)",
        r"\bbedreig\w*|\bdreig\w*|\bintimid\w*|\bnooit meer\b",
        r"\bmenac\w*|\bintimid\w*|\brenvoy\w* (?:au pays|chez)",
        r"\bamenaz\w*|\bintimid\w*",
        r"\bdroh\w*|\beinschüchter\w*|\bvertragsstrafe",
        r"\bameaç\w*|\bintimid\w*", r"\bminacc\w*|\bintimid\w*", r"\bgrozi\w*|\bgroźb\w*|\bzastrasz\w*",
        r"\bугрож\w*|\bпригроз\w*|\bзапуга\w*|\bсдать в миграционную",
        # Punishment promised for leaving, families held as a guarantee.
        r"\bpunish\w* if\b|\bgestraft als\b|\bbestraft,? wenn|\bpuni\w* s'|\bcastigad\w* si|\bpunid\w* se|"
        r"\bpunit\w* se|\bukaran\w* jeśli|\bнаказ\w* если",
        r"\b(?:as|like) (?:a )?(?:hostage|pledge|guarantee|collateral)|\bals onderpand|\bonderpand\b|"
        r"\ben (?:garantie|otage)|\bcomo (?:garantía|rehén|garantia|refém)|\bals (?:pfand|geisel)|"
        r"\bin pegno|\bcome ostagg\w*|\bjako zakładni\w*|\bв (?:залог|заложник\w*)",
    ],
    "abuse_of_vulnerability": [
        r"\b(?:irregular|undocumented|without papers|no papers|illegal)\b", r"\bvisa\b[^.]{0,50}\b(?:tied|linked|"
                                                                              r"depends|dependent|sponsor)",
        r"\bemployer'?s? permission\b", r"\bdepend\w* on\b", r"\bvulnerab\w*",
        r"\b(?:do not|does not|doesn't|don't|cannot|can't) (?:speak|read)\b", r"\b(?:none|few) of them (?:reads?|speaks?)\b",
        r"\b\d{1,2}-year-old\b|\bminors?\b|\bchild(?:ren)?\b|\bteenagers?\b|\badolescent\w*",
        r"\bafhankelijk\w*|\bverblijfsvergunning\w*[^.]{0,40}\b(?:gekoppeld|afhankelijk)|"
        r"\bwoning\w*[^.]{0,40}\b(?:gekoppeld|verbonden)|\bkwetsba\w*",
        r"\bdépendan\w*|\bsituation irrégulière|\bsans papiers|\bvisa\w*[^.]{0,30}\bdépend|\bvulnérab\w*",
        r"\bdepend\w* del\b|\bno hablan\b|\bsin documentos|\bindocumentad\w*|\bvulnerab\w*|\bmenores?\b|"
        r"\badolescentes?\b",
        r"\babhängig\w*|\bohne papiere|\bverletzlich\w*", r"\bdependên\w*|\bsem documentos|\bvulnerá\w*",
        r"\bdipend\w*|\bsenza documenti|\birregolar\w*|\bvulnerab\w*", r"\bzależn\w*|\bbez dokumentów|\bnielegaln\w*",
        r"\bзависим\w*|\bнелегал\w*|\bбез документов",
    ],
    "abusive_working_living_conditions": [
        r"\b(?:twelve|ten|eight|six|\d+) (?:men |people |workers )?(?:to|per|in) a room\b",
        r"\b(?:no|without) (?:running |drinking |clean )?water\b|\bdo not shower\b|\btoilets?\b",
        r"\b(?:no|without) (?:gloves|boots|masks|protective|safety)\b|\bprotective (?:equipment|gear)\b",
        r"\bslept (?:on|in|next)\b|\bmattress\w*|\bovercrowd\w*|\bfumes\b|\bin the heat\b",
        r"\binjur\w*|\bwounds?\b", r"\bunsafe|\bhazardous|\bsqualid",
        r"\bslapen\b[^.]{0,30}\b(?:stapelbedden|per chalet|op de grond)|\bstapelbedden|\bte weinig\b[^.]{0,40}"
        r"\b(?:handschoenen|schorten|bescherm)",
        r"\bconteneurs?\b|\bsans (?:isolation|fenêtre)|\bmatelas",
        r"\bcolchones\b|\bsin ventilación|\bhacinad\w*",
        r"\bbarracos\b|\bsem paredes|\bsem banheiro|\bsem água potável|\bsem (?:máscaras|luvas)",
        r"\bmatrac\w*|\bbaracch\w*|\bsenza acqua", r"\bmaterac\w*|\bbaraki\w*|\bbez wody",
        r"\bангар\w*|\bподдон\w*|\bкартон\w*|\bантисанитар\w*",
        r"\bcontainer\b|\bohne fließend\w* wasser|\bmatratze\w*",
    ],
    "excessive_overtime": [
        r"\bwithout (?:a )?(?:single )?(?:day off|rest day|rest)\b|\bno (?:day off|rest day|days off)\b",
        r"\bround the clock\b|\baround the clock\b|\b24 hours a day\b|\bsleeping (?:two|three|four|\d) hours\b",
        r"\bzonder (?:rustdag|vrije dag)|\bgeen (?:enkele )?vrije dag|\bdag en nacht",
        r"\bsans (?:jour de )?repos|\bjour et nuit", r"\bsin (?:día de )?descanso|\bdía y noche",
        r"\brund um die uhr|\bnie frei\b|\bkein(?:en)? freien tag", r"\bsem (?:dia de )?folga|\bdia e noite",
        r"\bsenza (?:giorno di )?riposo|\bgiorno e notte", r"\bbez (?:dnia )?wolnego|\bdzień i noc",
        r"\bбез выходных|\bкруглосуточно",
        # From first light until dark, however it is said.
        r"\bfrom (?:dawn|sunrise|first light) (?:until|till|to) (?:dark|dusk|nightfall|night|sunset)|"
        r"\bvan (?:zonsopgang|'s ochtends vroeg) tot (?:zonsondergang|'s avonds laat)|\bde l'aube (?:au|à la) "
        r"(?:crépuscule|nuit)|\bdu matin (?:au|jusqu'au) soir|\bde sol a sol|\bdel amanecer al anochecer|"
        r"\bvon früh bis spät|\bvom morgengrauen bis|\bdall'alba al tramonto|\bod świtu do (?:nocy|zmroku)|"
        r"\bod rana do nocy|\bот рассвета до заката|\bс утра до ночи",
    ],
}

# Sentences that say an indicator is NOT there ("their passports were returned", "free to leave",
# "wages were paid on time"): they suppress that indicator wherever else a cue matched.
NEGATIVES: dict[str, list[str]] = {
    "retention_of_identity_documents": [
        r"passports? (?:were |was )?(?:returned|given back)|kept their own passports|passports? (?:stayed|remained) "
        r"with (?:the )?workers|paspoorten?[^.]{0,20}(?:zelf|terug)|passeports?[^.]{0,20}(?:rendus|restitués)|"
        r"pasaportes?[^.]{0,20}(?:devuelt|en su poder)|pässe[^.]{0,20}(?:zurück|bei den arbeitern|selbst)|"
        r"passaportes?[^.]{0,20}devolvid|passaporti[^.]{0,20}restituit|paszporty[^.]{0,20}(?:zwrócon|przy sobie)|"
        r"паспорта[^.]{0,20}(?:вернули|у себя)",
    ],
    "restriction_of_movement": [
        r"free to (?:leave|go)|could leave (?:at )?any ?time|vrij om te gaan|libres? de partir|libres? de irse|"
        r"frei gehen|livres? para sair|liberi di andar|mogli swobodnie|могли свободно",
    ],
    "withholding_of_wages": [
        r"(?:paid|betaald|payés?|pagad\w*|bezahlt|pag\w*) (?:on time|op tijd|à temps|a tiempo|pünktlich|em dia|"
        r"puntualmente|in full|volledig|integralement)|wages were paid|lonen werden (?:gewoon )?betaald",
    ],
    "physical_sexual_violence": [
        r"no (?:violence|signs? of violence)|geen (?:sprake van )?geweld|aucune violence|ningún? (?:tipo de )?"
        r"violencia|keine gewalt|nenhuma violência|nessuna violenza|żadnej przemocy|никакого насилия",
    ],
}

# Words that turn a cue around when they stand shortly before it in the same clause.
NEGATIONS = frozenset("""
not no never none without nobody n't
niet geen nooit zonder niemand
ne pas jamais aucun aucune sans
no nunca ningún ninguna sin nadie
nicht kein keine keinen keiner nie niemals ohne
não nunca nenhum nenhuma ninguém sem
non mai nessun nessuna nessuno senza
nie nigdy żadnych żaden nikt bez
не нет никогда без ни никто
""".split())

# Markers of what someone says or alleges: still evidence, with less confidence.
REPORTED = (r"\b(?:said|says|told|allegedly|according to|claim\w*|reportedly|zei|zeggen|volgens|zou(?:den)? |"
            r"selon|affirm\w*|dit|según|dijo|dicen|denuncia\w*|laut|sagt\w*|berichte\w*|segundo|disse|afirm\w*|"
            r"secondo|ha detto|dicono|według|powiedzia\w*|по словам|рассказа\w*|утвержда\w*)\b")
