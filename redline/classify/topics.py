"""What a section is about, read from its heading words.

Other companies' policies carry no ids and no schema, only headings: "How We Share
Your Information", "5.1 Service Providers & Sub-Processors", "Data Retention". A
block's topics come from the nearest heading on its path that names any topic, so a
subsection titled "Legal Requirements" under "How We Share" is about recipients.

Every topic also knows the German, French and Spanish heading words of its kind
("Speicherdauer", "Durée de conservation", "Plazo de conservación"), so the rules that
hang on a topic (a removed recipient or destination is editorial, a longer retention
material) read those policies as they read English ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

RECIPIENTS = "recipients"
COLLECTION = "collection"
PURPOSES = "purposes"
RETENTION = "retention"
TRANSFERS = "transfers"
RIGHTS = "rights"
CONTROLLER = "controller"
CHANGES = "changes"

TOPIC_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (topic, re.compile(pattern, re.IGNORECASE))
    for topic, pattern in (
        (
            COLLECTION,
            r"\bcollect|\b(?:information|data) we (?:collect|receive|obtain|gather|process|hold)\b"
            r"|\b(?:information|data) you (?:provide|give|submit)|\bcategor|\btypes? of (?:personal )?"
            r"(?:data|information)|\bfrom third[- ]part|\binformation (?:from|about)\b"
            r"|\berhe(?:ben|bung)|\bkategorien\b|\bwelche daten\b|\berfasst"
            r"|\bcollect(?:ées?|ons|e)\b|\bcatégories\b|\bdonnées (?:que nous|collectées)"
            r"|\brecopila|\brecogemos\b|\bcategorías\b|\bdatos que (?:tratamos|recopilamos)",
        ),
        (
            RECIPIENTS,
            r"\bshar(?:e|es|ed|ing)\b|\brecipients?\b|\bsub-?processors?\b|(?<!from )\bthird[- ]part"
            r"|\bdisclos|\bservice providers?\b|\bvendors?\b|\bprocessors?\b|\bpartners?\b|\bsell|\bsale\b"
            # German, French, Spanish headings of the same kind
            r"|empfänger|auftragsverarbeiter|\bweitergabe\b|\bdritte[nr]?\b|\bdienstleister"
            r"|\bdestinataires?\b|sous-traitants?\b|\bpartage\b|\b(?:des|aux|les|à des) tiers\b"
            r"|\bprestataires?\b"
            r"|\bdestinatarios?\b|\b(?:sub)?encargados?\b|\bterceros?\b|\bcompart(?:ir|imos)\b|\bproveedores\b",
        ),
        (PURPOSES, r"\buses?\b|\busing\b|\bpurposes?\b|\blegal bas[ie]s\b|\bwhy we\b"
                   r"|\bzweck|\brechtsgrundlage|\bnutzung\b|\bfinalités?\b|\butilis|\bbase légale\b"
                   r"|\bfinalidad|\bbase (?:jurídica|legal)\b|\buso de\b|\butiliza"),
        (RETENTION, r"\bretent|\bretain|\bhow long\b|\bstorage periods?\b|\bkeep\b|\bdeletion\b"
                    r"|\bspeicherdauer\b|\baufbewahrung|\blöschung\b|\bwie lange\b"
                    r"|\bconservation\b|\bcombien de temps\b|\bsuppression\b"
                    r"|\bconservación\b|\bplazos? de\b|\bcuánto tiempo\b|\bsupresión\b"),
        (TRANSFERS, r"\btransfers?\b|\binternational\b|\bcross-border\b|\bdata locations?\b"
                    r"|\bübermittlung|\bdrittländer|\bdrittstaaten|\binternationale\b"
                    r"|\btransferts?\b|\binternationa(?:l|ux)\b|\bpays tiers\b"
                    r"|\btransferencias?\b|\binternacional(?:es)?\b|\bterceros países\b"),
        (RIGHTS, r"\brights?\b|\bchoices\b|\bopt[- ]out\b|\bexercis"
                 r"|\brechte\b|\bbetroffenenrechte|\bwiderspruch|\bdroits?\b|\bderechos?\b"),
        (
            CONTROLLER,
            r"\bcontroller\b|\bwho we are\b|\bcontact\b|\babout us\b|\bdata protection officer\b"
            r"|\bdpo\b|\bidentity\b|\bverantwortliche|\bkontakt\b|\bdatenschutzbeauftragte"
            r"|\bresponsable du traitement\b|\bnous contacter\b|\bdélégué à la protection"
            r"|\bresponsable del tratamiento\b|\bcontacto\b|\bdelegado de protección",
        ),
        (CHANGES, r"\bchanges?\b|\bupdates?\b|\bamendments?\b|\bmodifications?\b|\bnotices?\b"
                  r"|\bänderung|\baktualisierung|\bmodification|\bmise à jour\b"
                  r"|\bcambios?\b|\bmodificaci|\bactualizaci"),
    )
)


def title_topics(title: str) -> frozenset[str]:
    """Return the topics one heading names.

    >>> sorted(title_topics("How We Use and Share Your Information"))
    ['purposes', 'recipients']
    >>> sorted(title_topics("2.3 Information from Third Parties"))
    ['collection']
    """
    return frozenset(topic for topic, pattern in TOPIC_PATTERNS if pattern.search(title))


@lru_cache(maxsize=1024)
def topics(path: tuple[str, ...]) -> frozenset[str]:
    """Return the topics of the nearest heading on ``path`` that names any.

    >>> sorted(topics(("5. How We Share Your Information", "5.3 Legal Requirements")))
    ['recipients']
    >>> topics(("Meta Platform Data",))
    frozenset()
    """
    for title in reversed(path):
        found = title_topics(title)
        if found:
            return found
    return frozenset()
