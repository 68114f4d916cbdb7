"""Words that signal what a change does, wherever it happens in a policy.

Each pattern is matched against *inserted* text only (see ``context.inserted_match``),
so a policy that already says "arbitration" is not flagged again when it is re-worded
elsewhere. The lists lean wide: a false alarm costs a notice, a miss costs trust.

Most lists hold English and the German, French and Spanish words of the same kind,
written out in full where a stem would also catch an English word ("tiers" alone is a
price tier): the guards (negations, limits) keep an editorial rule from explaining a
change in those languages too. ``SALE`` stays English: in the other languages a
negation dropped from a sale is named by the meaning rules ("negation changed"), and
change records already name that category.
"""

from __future__ import annotations

import re


def _words(*alternatives: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", flags)


SALE = _words(
    r"sell", r"sells", r"sold", r"sale", r"rent", r"rents", r"share", r"shares", r"shared",
    r"sharing", r"disclose", r"discloses", r"disclosed", r"disclosure", r"make available to",
)
RECIPIENT = _words(
    r"third[- ]part(?:y|ies)", r"sub-?processors?", r"affiliates?", r"advertisers?",
    r"advertising partners?", r"data brokers?", r"partners?", r"service providers?", r"vendors?",
    r"group compan(?:y|ies)", r"law enforcement",
    r"dritte[nr]?", r"drittanbieter\w*", r"dienstleister\w*", r"auftragsverarbeiter\w*", r"werbepartner\w*",
    r"(?:des|aux|les|à des) tiers", r"tierces? parties?", r"partenaires?", r"prestataires?",
    r"sous-traitants?", r"annonceurs?",
    r"terceros?", r"socios?", r"proveedores?", r"encargad[oa]s?", r"anunciantes?",
)
NEGATION = _words(
    r"not", r"never", r"no", r"neither", r"nor", r"don't", r"doesn't", r"won't", r"without",
    r"nicht", r"kein\w*", r"nie", r"niemals", r"weder", r"nichts", r"niemand", r"ohne",
    r"ne", r"n'", r"pas", r"jamais", r"aucune?", r"rien", r"sans",
    r"nunca", r"jamás", r"ningún", r"ningun[oa]s?", r"nada", r"nadie", r"sin", r"tampoco",
)
SENSITIVE = _words(
    r"biometric\w*", r"genetic", r"health", r"medical", r"precise (?:geo)?location", r"geolocation",
    r"racial", r"ethnic\w*", r"religio\w*", r"sexual\w*", r"political", r"trade union",
    r"criminal", r"social security", r"passports?", r"driver'?s licen[cs]es?",
    r"government[- ]issued", r"national id\w*", r"fingerprints?", r"face (?:scans?|geometry)",
    r"facial", r"voice ?prints?", r"voice recordings?", r"contacts? lists?", r"address books?",
)
PURPOSE = _words(
    r"advertis\w*", r"marketing", r"profiling", r"targeted", r"personali[sz]\w*", r"research",
    r"train\w*[^.]{0,40}\b(?:models?|ai|algorithms?)", r"artificial intelligence",
    r"machine learning", r"AI", r"moneti[sz]\w*", r"resell\w*", r"data brokering",
    r"werbung", r"werbezweck\w*", r"profilbildung", r"künstliche[nr]? intelligenz",
    r"publicité", r"publicitaires?", r"profilage", r"prospection", r"intelligence artificielle",
    r"publicidad", r"publicitari[oa]s?", r"elaboración de perfiles", r"inteligencia artificial",
)
TRANSFER = _words(
    r"transfer\w*", r"stor(?:e|es|ed|age)", r"host(?:s|ed|ing)?", r"process(?:es|ed)?",
    r"located", r"servers?", r"data cent(?:er|re)s?", r"cross-border", r"outside",
    r"übermitt\w*", r"übertrag\w*", r"gespeichert", r"speicher[nt]", r"gehostet", r"rechenzentr\w*",
    r"transfér\w*", r"stock(?:er|ons|ée?s?)", r"héberg\w*", r"serveurs?",
    r"transfer(?:ir|imos|id[oa]s?|encias?)", r"almacen\w*", r"alojad[oa]s?", r"servidores?",
)
RETAIN = _words(
    r"retain\w*", r"retention", r"kept", r"keep", r"keeps", r"stor(?:e|es|ed|age)", r"delet\w*",
    r"eras\w*", r"purg\w*", r"anonymi[sz]\w*", r"archiv\w*",
    r"aufbewahr\w*", r"gespeichert", r"speicher[nt]", r"lösch\w*", r"speicherdauer",
    r"conserv(?:er|ons|ées?|és?|ation)", r"supprim\w*", r"effac\w*",
    r"conserv(?:ar|amos|an?|ad[oa]s?|ación)", r"elimin(?:ar|amos|ad[oa]s?)", r"borr(?:ar|amos|ad[oa]s?)",
    r"guard(?:amos|an|ad[oa]s?)",
)
INDEFINITE = _words(
    r"indefinitely", r"permanently", r"forever", r"as long as", r"for the life",
    r"until you (?:ask|request|delete)",
)
NOTICE_PERIOD = _words(
    r"(?:take|takes|taking|become|becomes) effect", r"notice period", r"(?:advance|prior) notice",
    r"days'? notice", r"in advance", r"before (?:the|any|such) changes?",
)
NO_NOTICE = _words(
    r"without (?:any |prior |advance )?notice", r"effective immediately", r"immediately upon posting",
    r"upon posting", r"at any time without",
)
WAIVER = _words(
    r"arbitrat\w*", r"class[- ]action", r"class[- ]wide", r"collective action",
    r"representative action", r"jury trial", r"waive\w*", r"waiver", r"binding",
    r"exclusive jurisdiction", r"limitation of liability", r"indemnif\w*", r"hold harmless",
    r"irrevocabl\w*", r"perpetual",
    r"schieds\w*", r"sammelklage\w*", r"verzicht\w*", r"unwiderruflich\w*",
    r"arbitrage", r"action collective", r"renonc\w*", r"irrévocabl\w*",
    r"arbitraje", r"demanda colectiva", r"renunci\w*", r"irrevocabl\w*",
)
LIMITING = _words(
    r"only", r"solely", r"except", r"unless", r"limited", r"may refuse", r"may decline",
    r"subject to", r"at our (?:sole )?discretion", r"fees?", r"charges?", r"no longer",
    r"cannot", r"can't", r"not",
    r"nur", r"ausschließlich", r"außer", r"ausgenommen", r"sofern", r"soweit", r"vorbehaltlich",
    r"seulement", r"uniquement", r"exclusivement", r"sauf", r"excepté", r"hormis", r"sous réserve",
    r"solo", r"sólo", r"solamente", r"únicamente", r"exclusivamente", r"excepto", r"salvo",
    r"siempre que",
)
OBLIGATION = _words(
    r"you (?:must|shall|agree|undertake|will be required|are required|are responsible"
    r"|will be responsible|may be charged|will be charged|will pay|must pay)",
    r"fees?", r"charges?", r"surcharges?", r"penalt(?:y|ies)", r"subscription costs?",
    r"liquidated damages", r"your (?:obligations?|responsibilit(?:y|ies))",
    r"by (?:using|continuing|accessing)[^.]{0,60}\b(?:agree|consent|accept)",
)
#: Legal-entity suffixes, matched as written: a new one names a new company.
ENTITY = _words(
    r"Ltd\.?", r"Limited", r"LLC", r"L\.L\.C\.", r"Inc\.?", r"Incorporated", r"Corp\.?",
    r"Corporation", r"GmbH", r"AG", r"S\.A\.", r"SAS", r"SARL", r"S\.r\.l\.", r"B\.V\.", r"BV",
    r"N\.V\.", r"PLC", r"plc", r"LLP", r"FZCO", r"FZ-LLC", r"FZE", r"DMCC", r"Pty", r"Oy",
    r"ApS", r"A/S", r"K\.K\.",
    flags=0,
)
SUBPROCESSOR = _words(r"sub-?processors?")
LAST_UPDATED = _words(
    r"last (?:updated|revised|modified|changed|amended)", r"(?:updated|revised) on",
    r"date of (?:the )?last revision",
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = re.compile(
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_MONTH} \d{{1,2}},? \d{{4}}"
    rf"|\d{{1,2}} {_MONTH} \d{{4}}",
    re.IGNORECASE,
)
