"""Per-language words the meaning rules read: one table, every language in one place.

A language here has its negations, modal verbs, quantifiers, scope qualifiers, the
words that introduce a document's date or version, and a few very common words to
recognise it by. A language missing from the table is judged conservatively: only
form-only differences are editorial, every change of wording is material.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

#: The language used when none is given or recognised.
DEFAULT = "en"


@dataclass(frozen=True)
class Words:
    """The word lists of one language (lower case; phrases allowed)."""

    negations: frozenset[str]
    modals: frozenset[str]
    quantifiers: frozenset[str]
    qualifiers: frozenset[str]
    dating: frozenset[str]
    version: frozenset[str]
    common: frozenset[str]


def _set(text: str) -> frozenset[str]:
    return frozenset(word for word in text.split("|") if word)


TABLE: dict[str, Words] = {
    "en": Words(
        _set("not|no|never|neither|nor|none|nothing|nobody|without|don't|doesn't|won't|can't|cannot|n't"),
        _set("may|might|must|shall|should|will|would|can|could|need|required|obliged|entitled"),
        _set("all|any|each|every|some|most|many|few|several|both|either|always|sometimes|only|sole|solely"),
        _set("only|solely|except|unless|without|if|when|where|provided|subject|limited|some|certain|in"
             "|within|outside|until|after|before|exclusively|excluding"),
        _set("updated|update|revised|revision|modified|amended|effective|dated|last|version"),
        _set("version|v|rev|revision|release"),
        _set("the|and|of|to|we|you|your|our|is|are|that|for|with|this|by|or|be|not|will|may|it|in"),
    ),
    "de": Words(
        _set("nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|weder|noch|nichts|niemand|ohne"),
        _set("kann|können|darf|dürfen|muss|müssen|soll|sollen|wird|werden|würde|könnte|möchten|berechtigt"
             "|verpflichtet"),
        _set("alle|allen|aller|jede|jeder|jedes|einige|manche|viele|wenige|mehrere|beide|immer|nur|stets"),
        _set("nur|ausschließlich|außer|ausgenommen|sofern|soweit|wenn|falls|es|sei|denn|ohne|bestimmte"
             "|einige|in|innerhalb|außerhalb|bis|nach|vor|vorbehaltlich"),
        _set("aktualisiert|geändert|überarbeitet|gültig|gilt|wirksam|stand|datum|seit|ab|am|vom|zuletzt"
             "|fassung|version"),
        _set("version|fassung|v|revision"),
        _set("der|die|das|und|wir|sie|ihre|ihr|ist|sind|von|zu|mit|für|den|dem|des|nicht|auf|oder|eine"),
    ),
    "fr": Words(
        _set("ne|pas|n'|jamais|aucun|aucune|ni|rien|personne|sans|nul|nulle"),
        _set("peut|peuvent|pouvons|pouvez|doit|doivent|devons|devez|devra|devront|sera|seront|serait"
             "|pourra|pourront|pourrait|tenu|tenue|obligé"),
        _set("tous|toutes|tout|toute|chaque|certains|certaines|plusieurs|quelques|beaucoup|peu|toujours"
             "|seulement|uniquement|seul|seule"),
        _set("seulement|uniquement|exclusivement|sauf|excepté|hormis|si|lorsque|quand|sans|sous|réserve"
             "|certains|certaines|en|dans|hors|jusqu'à|après|avant"),
        _set("mis|mise|jour|modifié|modifiée|révisé|révisée|vigueur|effectif|effective|date|depuis|le"
             "|du|dernière|version"),
        _set("version|v|révision"),
        _set("le|la|les|de|des|et|nous|vous|votre|vos|est|sont|pour|avec|dans|que|qui|un|une|ne|pas"),
    ),
    "es": Words(
        _set("no|nunca|jamás|ni|ningún|ninguno|ninguna|nada|nadie|sin|tampoco"),
        _set("puede|pueden|podemos|puedes|podrá|podrán|podría|debe|deben|debemos|debes|deberá|deberán"
             "|será|serán|obligado|obligada"),
        _set("todos|todas|todo|toda|cada|algunos|algunas|algún|muchos|pocos|varios|ambos|siempre|solo"
             "|sólo|únicamente"),
        _set("solo|sólo|solamente|únicamente|exclusivamente|excepto|salvo|menos|si|cuando|donde|sin"
             "|sujeto|limitado|algunos|algunas|ciertos|ciertas|en|dentro|fuera|hasta|después|antes"),
        _set("actualizado|actualizada|actualización|modificado|modificada|revisado|revisada|vigor"
             "|vigente|efectiva|efectivo|fecha|desde|el|de|última|versión"),
        _set("versión|version|v|revisión"),
        _set("el|la|los|las|de|del|y|nosotros|usted|su|sus|es|son|para|con|en|que|por|un|una|no"),
    ),
    "ru": Words(
        _set("не|нет|ни|никогда|никакой|никакие|ничего|никто|без"),
        _set("может|могут|можем|должен|должны|должна|обязан|обязаны|будет|будут|вправе"),
        _set("все|всех|каждый|каждая|некоторые|многие|несколько|оба|всегда|только"),
        _set("только|исключительно|кроме|за|исключением|если|когда|без|при|условии|некоторые|в|вне|до"
             "|после"),
        _set("обновлено|обновлена|изменено|редакция|действует|вступает|силу|дата|от|с|последнее"),
        _set("версия|редакция"),
        _set("и|в|не|на|мы|вы|ваши|ваш|что|с|по|для|это|или|к|из|от"),
    ),
}
#: Languages whose texts are judged with their own words (others: conservatively).
SUPPORTED = tuple(sorted(TABLE))

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def words_of(lang: str) -> Words | None:
    """The word lists of ``lang`` ("de", "es-MX", "pt_BR"...), or None when unsupported.

    >>> words_of("es_MX") is words_of("es"), words_of("ja")
    (True, None)
    """
    return TABLE.get(base(lang))


def base(lang: str) -> str:
    """The base language of a locale code.

    >>> base("pt_BR"), base("es-419"), base("EN")
    ('pt', 'es', 'en')
    """
    return re.split(r"[-_]", lang.strip())[0].lower() or DEFAULT


@cache
def _common() -> dict[str, frozenset[str]]:
    return {lang: words.common for lang, words in TABLE.items()}


def guess(texts: Iterable[str], default: str = DEFAULT) -> str:
    """Guess a text's language from its most common words (``default`` when unsure).

    >>> guess(["Wir verarbeiten Ihre Daten nicht ohne Ihre Einwilligung und nur für den Vertrag."])
    'de'
    >>> guess(["Nous ne vendons pas vos données et nous les gardons pour la durée du contrat."])
    'fr'
    >>> guess(["12 345"])
    'en'
    """
    counts = dict.fromkeys(TABLE, 0)
    for text in texts:
        for word in _WORD_RE.findall(text[:20000].lower()):
            for lang, common in _common().items():
                counts[lang] += word in common
    best = max(counts, key=lambda lang: (counts[lang], lang == default))
    return best if counts[best] >= 3 else default


def document_language(*markdown: str) -> str:
    """The language of Markdown documents: their front matter's ``lang`` (or ``language``,
    ``locale``), else a guess from their words.

    >>> document_language("---\\nlang: es-MX\\n---\\nHola")
    'es-MX'
    """
    from redline.diff.frontmatter import split_front_matter

    bodies = []
    for text in markdown:
        meta, body = split_front_matter(text)
        for key in ("lang", "language", "locale"):
            if meta.get(key):
                return meta[key]
        bodies.append(body)
    return guess(bodies)
