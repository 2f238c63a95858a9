"""TX-06 to TX-09: clauses typed in a free text that the templates print elsewhere from
the answers (termination, the court) or that the sharing clause must check (exchanges
of information on the persons); a number of parties or members that the answers no
longer give; an article of the document named by a number the template sets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from convgen.errors import DataPath
from convgen.regles.base import ALL_DOCUMENTS, CP, Finding, Level, RuleContext, noun, rule
from convgen.regles.texte_libre import as_typed, excerpt, free_sentences, plain
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.schema.document import SharedDocument
from convgen.wording.accords import number_in_words

# What the templates print from the structured answers (termination with its notice,
# the court): typed again in a free text, it doubles or contradicts them.
_PARTNERSHIP = r"(?:la (?:presente )?convention|au partenariat|le partenariat)"
_AT_WILL = r"(?:a tout moment|sans preavis|des qu'(?:il|elle|ils|elles) le souhaite\w*)"
_ENDING = r"(?:mettre fin|mis fin|resili\w*|denonc\w*)"
# « mettre fin à la convention à tout moment », « la convention peut être résiliée à
# tout moment », « il peut être mis fin à la présente convention sans préavis », « chacune
# des Parties pourra y mettre fin sans préavis » (« y »: the convention).
_ENDS = re.compile(
    rf"\b{_ENDING}\b.{{0,30}}{_PARTNERSHIP}.{{0,60}}{_AT_WILL}"
    rf"|{_PARTNERSHIP}.{{0,30}}\b{_ENDING}\b.{{0,30}}{_AT_WILL}"
    rf"|{_AT_WILL}.{{0,40}}\b{_ENDING}\b.{{0,30}}{_PARTNERSHIP}"
    rf"|\b(?:parties|partie|partenaires?|signataires?)\b.{{0,40}}\by (?:mettre|etre mis) "
    rf"fin\b.{{0,30}}{_AT_WILL}"
)
_COURT = re.compile(
    r"\btribunal (?:de grande instance|d'instance|judiciaire|administratif|de commerce)\b"
    r"|\b(?-i:TGI)\b"
)
_ABOLISHED = ("tribunal de grande instance", "tribunal d'instance", "tgi")
# A court named for the agreement's disputes: between the parties, or the only court
# competent (not a procurator, a judge for children, a register kept by a court, a
# person's own remedy, nor a tenant's dispute).
_DISPUTE = re.compile(
    r"\b(litiges?|differends?|contentieux)\b.{0,60}\b(parties|membres|presente "
    r"(convention|charte)|l'interpretation|l'execution)\b|\bseule? competente?\b|"
    r"\btout (litige|differend)\b|\b(litiges?|differends?)\b.{0,30}\bportes? devant\b"
)
# A termination the law or the parties' agreement brings, not one at will.
_NOT_AT_WILL = re.compile(r"de plein droit|d'un commun accord|par accord des parties")


@rule(
    "TX-06",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="C. civ. 1188, 1190 ; loi n° 2019-222 du 23 mars 2019, art. 95 ; cohérence",
    title="Résiliation à tout moment ou juridiction écrites dans un texte libre",
)
def clauses_in_free_text(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    ends = isinstance(doc, ConventionPartenariat)  # a GCSMS's withdrawal: TX-01
    for path, sentence, flat in free_sentences(doc, outside="litiges"):
        if ends and _ENDS.search(flat) and not _NOT_AT_WILL.search(flat):
            yield Finding(
                path,
                f"Le texte « {excerpt(sentence)} » permet de mettre fin à la convention "
                "à tout moment ou sans préavis, alors que l'article sur la résiliation "
                "fixe un préavis et une forme : les deux se contrediraient ; retirez-le "
                "du texte ou changez la résiliation.",
            )
        court = _COURT.search(flat) or _COURT.search(sentence)
        abolished = court is not None and court.group(0).lower().startswith(_ABOLISHED)
        gone = (
            ", qui n'existe plus depuis le 1er janvier 2020 (c'est aujourd'hui le "
            "tribunal judiciaire)"
            if abolished
            else ""
        )
        if court and _DISPUTE.search(flat):
            yield Finding(
                path,
                f"Le texte « {excerpt(sentence)} » désigne une juridiction{gone} : "
                "seul l'article sur le règlement des litiges la désigne, d'après les "
                "réponses sur les litiges ; retirez-la du texte.",
            )
        elif abolished:
            yield Finding(
                path,
                f"Le texte « {excerpt(sentence)} » cite une juridiction{gone} : corrigez son nom.",
            )


# An exchange of information on the persons written as a commitment (« transmettre au
# CCAS toutes informations utiles sur les personnes accueillies ») rather than declared
# as a flow, which the sharing clause checks (basis, information strictly necessary,
# professionals, information of the persons).
_SHARING = re.compile(
    r"\b(transmet\w*|communiqu\w*|partag\w*|echang\w*|fourni\w*|adress\w*)\b.{0,80}"
    r"\b(informations?|donnees|dossiers?|elements?)\b"
)
_PEOPLE = (
    r"(personnes?|usagers?|patients?|beneficiaires?|familles?|residents?|enfants?|jeunes|menages?)"
)
_ON_PERSONS = re.compile(
    rf"\b{_PEOPLE}\b.{{0,30}}\b(accueilli|accompagne|heberge|suivi|pris en charge|"
    rf"orient)\w*|\bsur (les|la|chaque) {_PEOPLE}\b|\bsur la situation (des|de la|du|de "
    rf"chaque) {_PEOPLE}\b"
)
# Information given to the persons themselves (« fournit aux résidents des informations
# sur leurs droits »): not about them, to someone else.
_TO_PERSONS = re.compile(
    rf"\b(fourni\w*|communiqu\w*|transmet\w*|adress\w*|donn\w*|remet\w*)\s+(aux|a la|au|"
    rf"a chaque) {_PEOPLE}\b"
)
_HEALTH = re.compile(
    r"\b(dossiers? medica\w*|medica\w*|sante|diagnostics?|patholog\w*|"
    r"traitements? medica\w*|psychiatri\w*|soins)\b"
)
# Not about a person: figures on the activity, an authority's name, the GDPR's sense.
_NOT_PERSONAL = re.compile(
    r"\b(nombre|statisti\w*|anonymi\w*|agrege\w*|rapports? d'activite|bilans?|"
    r"donnees d'activite)\b"
)
_AUTHORITIES = re.compile(r"agence regionale de sante|haute autorite de sante")
_ANY = re.compile(r"\b(toutes? (les )?informations?|tout element)\b")


@rule(
    "TX-07",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="CASF L. 121-6-2 ; CSP L. 1110-4, R. 1110-1 ; code pénal, art. 226-13",
    title="Échange d'informations sur les personnes écrit dans un texte libre",
)
def sharing_in_free_text(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    reported: DataPath | None = None  # one finding a text: its first such sentence
    for path, sentence, typed_flat in free_sentences(doc, outside="partage_information"):
        flat = _AUTHORITIES.sub("", typed_flat)
        if path == reported or not (_SHARING.search(flat) and _ON_PERSONS.search(flat)):
            continue
        if _NOT_PERSONAL.search(flat) or _TO_PERSONS.search(flat):
            continue
        said = (
            " Il porte sur des données de santé : hors de l'équipe de soins, leur partage "
            "suppose le consentement de la personne (CSP, art. L. 1110-4)."
            if _HEALTH.search(flat)
            else ""
        )
        said += (
            " « Toutes informations » n'est jamais licite : seules les informations "
            "strictement nécessaires peuvent être partagées."
            if _ANY.search(flat)
            else ""
        )
        yield Finding(
            path,
            f"Le texte « {excerpt(sentence)} » décrit un échange d'informations sur les "
            "personnes : la clause de partage d'informations ne le vérifie que déclaré "
            "comme flux (partage_information.flux : fondement, informations, "
            f"professionnels, information des personnes) ; déclarez-le et retirez-le du "
            f"texte.{said}",
        )
        reported = path


# A number of parties or members named with its article (« les deux Parties », « deux de
# ses trois membres », « chacune des trois (3) parties »): a text copied from an earlier
# version keeps the number it had then.
_COUNTS = {plain(number_in_words(n)): n for n in range(2, 31)}
_COUNT_WORDS = "|".join(sorted(_COUNTS, key=len, reverse=True))  # « vingt-deux » first
_NAMED_COUNT = re.compile(
    rf"\b(?:les|ses|leurs|des|aux|nos)\s+(?P<count>{_COUNT_WORDS}"
    r"|\d{1,2})(?:\s*\(\d{1,2}\))?\s+"
    r"(?P<noun>parties|membres|partenaires|signataires|cosignataires)\b(?P<after>[^.;:,]{0,30})"
)
# Words after the noun that name some of them, not all: « les deux membres fondateurs »,
# « les deux parties concernées », « les trois membres du bureau », « associés ».
_SOME_OF_THEM = re.compile(
    r"\s*(?:fondat(?:eur|rice)s|initia(?:ux|les)|d'origine|historiques|concernee?s\b|"
    r"interessee?s\b|en (?:cause|desaccord|litige)|au (?:contrat|litige|differend)|"
    r"presente?s\b|representee?s\b|elue?s\b|designee?s\b|sortante?s\b|nouve(?:aux|lles)|"
    r"associe(?:e?s)?\b|publi(?:cs|ques)\b|privee?s\b|utilisat(?:eur|rice)s\b|employeurs\b|"
    r"restante?s\b|observat(?:eur|rice)s\b|associatifs\b|institutionnel(?:le)?s\b|"
    r"hospitali(?:ers|eres)\b|financeurs\b|actifs\b|adherente?s\b|qualifiee?s\b|"
    r"titulaires\b|suppleante?s\b|permanente?s\b|"
    r"(?:(?:du|de|des)\s+|de l'|d')"
    r"(?!(?:la\s+|l')?(?:groupement|reseau|gcsms|presente|convention|charte)))"
)
# Nouns that name a document's organisations: a convention's parties, a network's or a
# group's members (their « partenaires » are outside bodies).
_NOUNS: dict[type[SharedDocument], tuple[str, ...]] = {
    ConventionPartenariat: ("parties", "partenaires", "signataires", "cosignataires"),
    CharteReseau: ("membres",),
}
_MEMBER_NOUNS: tuple[str, ...] = ("membres", "parties", "signataires", "cosignataires")
# A deliberation is quoted as it was taken; a former version and the amendment that
# changes it speak of the former numbers; a network's genesis tells its history.
_HISTORY = ("habilitation", "version_precedente", "avenant", "genese")
# Texts that count someone else's members: an organisation's own description (« ses
# douze membres associatifs »), a committee's composition.
_OTHERS_MEMBERS = ("comite_pilotage", "instance_suivi", "gouvernance", "composition")
# A sentence that tells the past (« En 2023, les deux partenaires ont signé… », « depuis
# 2019 », « rejoints par… »): its number was true then.
_PAST = re.compile(r"\b(?:19|20)\d\d\b|\bdepuis\b|\brejoi|\bpremiere convention\b|\binitialement\b")


@rule(
    "TX-08",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="C. civ. 1188, 1190 ; cohérence",
    title="Nombre de parties ou de membres écrit dans un texte libre, autre que le leur",
)
def counts_in_free_text(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    total = len(doc.organisations)
    nouns = _NOUNS.get(type(doc), _MEMBER_NOUNS)
    with_funders = total  # « les trois partenaires »: two parties and a funder who pays
    if isinstance(doc, ConventionPartenariat):
        if doc.dispositions_financieres is not None:
            with_funders += len(doc.dispositions_financieres.financeurs)
        whole = f"la convention lie {number_in_words(total)} parties"
    elif isinstance(doc, CharteReseau):
        whole = f"le réseau réunit {number_in_words(total)} membres"
    else:
        whole = f"le groupement compte {number_in_words(total)} membres"
    for path, sentence, flat in free_sentences(doc):
        if (
            (path and path[0] == doc.organisations_key)
            or any(step in _HISTORY or step in _OTHERS_MEMBERS for step in path)
            or _PAST.search(flat)
        ):
            continue
        for found in _NAMED_COUNT.finditer(flat):
            count = found["count"]
            said = int(count) if count.isdigit() else _COUNTS[count]
            if (
                found["noun"] not in nouns
                or said == total
                or (found["noun"] == "partenaires" and said == with_funders)
                or _SOME_OF_THEM.match(found["after"])
            ):
                continue
            yield Finding(
                path,
                f"Le texte « {excerpt(sentence)} » parle de "
                f"« {as_typed(sentence, found.start('count'), found.end('noun'))} », mais "
                f"{whole} : un texte repris d'une version précédente garde son ancien "
                "nombre ; mettez-le à jour.",
            )
            break


# A clause named by its number (« Par dérogation à l'article 13 », « prévu à l'article 4
# ci-dessus ») rather than by what it says: convgen numbers the articles from the
# clauses present, and a number typed in a text does not follow.
_NUMBERED_ARTICLE = re.compile(
    r"\barticles?\s+(?P<number>\d{1,2})(?:er|e)?\b(?![.\-/]\d|\s*°)(?P<after>[^.;:]{0,70})"
)
# What an article of another text is followed by, its paragraph or point in between
# (« article 6, paragraphe 1, point e) du RGPD », « article 16 alinéa 2 de la loi »):
# « du », « de la », « des », « de ses », « de notre »… A text of this document (« de la
# présente convention », « de la convention », « de la charte ») is not another text,
# unless dated or qualified (« de la convention du 3 mars 2020 »).
_OF_TEXT = re.compile(
    r"\b(?:(?:du|des)\s+|d'|de\s+(?:la\s+|l'|(?:ses|son|sa|leurs?|notre|nos|votre|vos)\s+)?)"
    r"(?P<text>[a-z]+)(?P<next>\s+[a-z0-9']+)?"
)
_THIS_DOCUMENT = ("presente", "present", "convention", "charte")
# A comma that starts the rest of the sentence, not the article's paragraph or point
# nor the text it belongs to (« article 6, paragraphe 1, point e) du RGPD », « article
# 12, alinéa 2, de la loi »).
_NEXT_CLAUSE = re.compile(
    r",(?!\s*(?:paragraphe|alinea|al\.|point|§|[ivx]+\b|\d|[a-z]\)|premier|dernier|\w+ieme\b"
    r"|du\b|de\b|des\b|d'|$))"
)
_QUALIFIED = re.compile(r"\s+(?:du|de|d'|signee|conclue|precedente|initiale|\d)")
# « en leur article 12 », « son article 3 »: a text of whoever « leur » stands for.
_POSSESSED = re.compile(r"\b(?:leur|leurs|son|sa|ses|notre|nos|votre|vos)\s+$")
_POSSESSIVE = re.compile(r"de\s+(?:ses|son|sa|leurs?|notre|nos|votre|vos)\b")


def _of_another_text(before: str, after: str) -> bool:
    """Whether the article named between ``before`` and ``after`` (plain text) is that of
    another text than the document."""
    if _POSSESSED.search(before[-12:]):
        return True
    near = after[:45]  # near the number: its paragraph, then « du … »
    clause = _NEXT_CLAUSE.search(near)  # not « …, le préavis de résiliation est »
    found = _OF_TEXT.search(near[: clause.start()] if clause else near)
    if found is None:
        return False
    if found["text"] not in _THIS_DOCUMENT:
        return True
    possessive = _POSSESSIVE.match(after, found.start())
    return bool(possessive) or bool(found["next"] and _QUALIFIED.match(found["next"]))


# Fields that cite another text's articles: a member's statutes, the visas, a delegation
# (its act), a quoted deliberation, a former version and its amendment.
_OTHER_TEXTS = ("statuts_article", "visas", "delegation", *_HISTORY)
# The article to name instead, by what it says.
_EXAMPLE: dict[type[SharedDocument], str] = {CharteReseau: "l'article sur le retrait"}


@rule(
    "TX-09",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="cohérence",
    title="Article de ce document renvoyé par son numéro dans un texte libre",
)
def article_numbers_in_free_text(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    reported: DataPath | None = None  # one finding a text: its first such reference
    example = _EXAMPLE.get(type(doc), "l'article sur la résiliation")
    for path, sentence, flat in free_sentences(doc):
        if path == reported or any(step in _OTHER_TEXTS for step in path):
            continue
        for found in _NUMBERED_ARTICLE.finditer(flat):
            if _of_another_text(flat[: found.start()], found["after"]):
                continue
            yield Finding(
                path,
                f"Le texte « {excerpt(sentence)} » renvoie à "
                f"« {as_typed(sentence, found.start(), found.end('number'))} » : convgen "
                f"numérote les articles d'après les clauses de la {noun(doc)}, et un numéro "
                "écrit dans un texte ne suit pas quand un article s'ajoute ou s'en va ; "
                f"nommez l'article par ce qu'il règle (« {example} »).",
            )
            reported = path
            break


# The agreement said free of charge (« La présente convention est conclue à titre
# gracieux », « le partenariat n'entraîne aucun flux financier ») where it sets payments:
# not a service lent free of charge (« un local mis à disposition à titre gracieux »).
_FREE_WORDS = (
    r"(?:\ba titre (?:gracieux|gratuit)\b|\bsans (?:aucune )?contrepartie financiere\b|"
    r"\b(?:aucun|sans) (?:flux|versement|engagement|echange) financier\b|\bgratuit)"
)
_FREE_AGREEMENT = re.compile(
    rf"\b(?:la (?:presente )?convention|le partenariat|la collaboration)\b.{{0,60}}{_FREE_WORDS}"
    # « Elle est conclue à titre gracieux, sans flux financier entre les Parties »: « elle »
    # may be another deed (« une convention d'occupation… ; elle est conclue à titre
    # gracieux »), not when the parties' exchanges are what is free.
    rf"|\belle est conclue {_FREE_WORDS}.{{0,60}}\bentre (?:les|ses) (?:parties|partenaires)\b"
    r"|\belle est conclue\b.{0,40}\bsans (?:aucun )?(?:flux|versement|echange) financier\b"
)


# A payment's or a funder's own texts (its purpose, its act): not the agreement's.
_PAYMENTS_OWN = (
    ("dispositions_financieres", "versements"),
    ("dispositions_financieres", "financeurs"),
)


@rule(
    "TX-10",
    documents={CP},
    level=Level.P,
    source="C. civ. 1188, 1190 ; cohérence",
    title="Convention dite gratuite dans un texte libre alors qu'elle prévoit des versements",
)
def free_of_charge_in_free_text(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    finances = doc.dispositions_financieres
    if finances is None or not finances.versements:
        return
    count = len(finances.versements)
    payments = f"{number_in_words(count)} versement{'s' if count > 1 else ''}"
    for path, sentence, flat in free_sentences(doc):
        if path[:2] in _PAYMENTS_OWN or not _FREE_AGREEMENT.search(flat):
            continue
        yield Finding(
            path,
            f"Le texte « {excerpt(sentence)} » dit la convention conclue sans contrepartie "
            f"financière, alors qu'elle prévoit {payments} (dispositions financières) : "
            "les deux se contrediraient ; retirez la phrase ou les versements.",
        )
