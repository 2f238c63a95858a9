"""CR-*: charte de réseau (domaine.md §C, « Règles de validation »)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from convgen.errors import Severity
from convgen.regles.base import CR, Finding, Level, RuleContext, rule
from convgen.regles.texte_libre import excerpt, plain, sentences
from convgen.schema.charte_reseau import CharteReseau, CodePrincipe, TypeReseau
from convgen.wording.formatting import month_names
from convgen.wording.libelles import label

DOCS = {CR}
FIVE_PRINCIPLES = [p for p in CodePrincipe if p is not CodePrincipe.AUTRE]


def _health(doc: CharteReseau) -> bool:
    return doc.type_reseau is TypeReseau.SANTE


def _health_severity(doc: CharteReseau) -> Severity:
    """[C] for a réseau de santé (CSP D6321-x), good practice otherwise."""
    return Severity.ERREUR if _health(doc) else Severity.AVERTISSEMENT


@rule(
    "CR-01",
    documents=DOCS,
    # A practice guide, not a legal obligation (domaine.md §J.9): a warning.
    level=Level.P,
    source="guide FNARS (pratique)",
    title="Les cinq principes du partenariat (libellés paramétrables)",
)
def principles(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    if doc.principes is None:
        return  # the five principles are printed with their default wording
    given = {p.principe for p in doc.principes}
    for principe in FIVE_PRINCIPLES:
        if principe not in given:
            yield Finding(
                ("principes",),
                f"Les principes du partenariat sont incomplets : « {label(principe)} » manquant.",
            )


@rule(
    "CR-02",
    documents=DOCS,
    level=Level.C_P,
    source="CSP D6321-1 (réseaux de santé) ; pratique",
    title="Territoire couvert par le réseau",
)
def territory(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    territoire = doc.champ.territoire if doc.champ else None
    if territoire is None or not (
        territoire.description or territoire.departements or territoire.communes
    ):
        yield Finding(
            ("champ", "territoire"),
            "Définissez le territoire couvert par le réseau.",
            _health_severity(doc),
        )


@rule(
    "CR-03",
    documents=DOCS,
    level=Level.P,
    source="pratique S23",
    title="Au moins deux membres ; adhésion et retrait décrits",
)
def membership(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    if len(doc.membres) < 2:
        yield Finding(("membres",), "Un réseau réunit au moins deux membres.")
    if doc.adhesion is None or doc.adhesion.procedure is None:
        yield Finding(("adhesion",), "Décrivez les modalités d'adhésion des membres.")
    # Without its own words, the charter says that a member may withdraw at any time,
    # in writing to the coordination: the withdrawal is described (the atelier's help
    # says so); only words that tie it are reported.
    if doc.retrait is not None and doc.retrait.modalites is not None:
        tied = next((s for s in sentences(doc.retrait.modalites) if _tied(plain(s))), None)
        if tied:
            yield Finding(
                ("retrait", "modalites"),
                f"« {excerpt(tied)} » : l'adhésion à la charte est libre, le retrait aussi ; "
                "il ne peut dépendre de l'accord d'une instance ni coûter plus que la "
                "cotisation de l'année en cours. Retirez cette condition.",
            )


@rule(
    "CR-13",
    documents=DOCS,
    level=Level.P,
    source="principe du contradictoire ; par analogie, CASF R312-194-10 al. 3 (exclusion "
    "d'un membre de GCSMS après audition)",
    title="Exclusion d'un membre : il est entendu avant la décision",
)
def exclusion_after_hearing(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    flat = plain(doc.exclusion or "").replace("etant entendu", "")  # « étant entendu que »
    if not flat:
        return
    if _NOT_HEARD.search(flat):
        yield Finding(
            ("exclusion",),
            "La charte prévoit d'exclure un membre sans l'entendre : prévoyez qu'il soit "
            "invité à présenter ses observations avant la décision (qui l'invite, dans quel "
            "délai).",
        )
    elif not _HEARD.search(flat):
        yield Finding(
            ("exclusion",),
            "La charte prévoit l'exclusion d'un membre sans dire qu'il est entendu : précisez "
            "qu'il est invité à présenter ses observations avant la décision (qui l'invite, "
            "dans quel délai).",
        )


# The member heard before the decision, however the charter says it (in lower case,
# without accents: see texte_libre.plain).
_HEARD = re.compile(
    r"\b(entendu\w*|entendre|audition\w*|auditionn\w*|(ses|leurs) observations|"
    r"presenter (ses|des|leurs) (observations|explications|arguments)|contradictoire\w*|"
    r"s'expliquer|ses explications|(sa|leur) defense|droits de la defense|"
    r"faire valoir (ses|son|leurs)|s'exprimer|"
    r"(convoque|recoit|recu|reunit|ecoute)\w* (le|la|les|son|sa|ce) "
    r"(membre|representant|adherent|structure|partenaire)|"
    r"(le|la|ce) (membre|representant|adherent|partenaire)( concerne)? est "
    r"(convoque|entendu|recu|invite)\w*|"
    r"convocation (du|de la|de ce) (membre|representant|adherent|partenaire))"
)
# A hearing ruled out, after the decision, or of someone else than the member.
_NOT_HEARD = re.compile(
    r"\bsans (qu'il|qu'elle|que (le|la|ce|celui|celle)\b[^,.;]{0,30}|l'avoir|"
    r"l'avoir prealablement|avoir ete|avoir prealablement ete|etre|prealable|pouvoir)\b"
    r"[^,.;]{0,40}(entend|audition|observations|explication|convoqu|convocation|defense|"
    r"exprimer|faire valoir)"
    r"|\bsans (audition|convocation|explication|l'entendre|l'ecouter)"
    r"|\b(n'est|ne sera|ne peut etre) (pas|ni|jamais) (entendu|auditionn|convoqu|invite)"
    r"|(entendu|auditionn|ecout)\w* (ensuite|a posteriori|apres coup)"
    r"|\b(apres avoir entendu|sur (les )?observations d[eu]s?|au vu des observations d[eu]s?)"
    r" (la |le |les )?(coordination|comite|coordinat|bureau|partenaires|president|membres)"
)


# A withdrawal made to depend on an approval, or charged beyond the current year; not a
# sentence that rules them out (« sans pénalité », « ne nécessite l'accord d'aucune »).
_TIED = re.compile(
    r"\b(accord|autorisation|approbation|agrement)\b.{0,40}\b(comite|groupe|instance|"
    r"bureau|coordination|membres|assemblee)|\b(penalite|indemnite|dedit)\b|"
    r"\bredevable\b.{0,60}\b(annees? suivantes?|exercices? suivants?|\w+ annees? "
    r"(suivantes|a venir))\b"
)
# A negation just before the condition (« sans pénalité », « aucune indemnité », « ni
# l'accord », « pas d'accord »), or inside it (« l'accord d'aucune instance »): ruled out.
# Elsewhere in the sentence, a negation rules nothing out (« se retire sans préavis et
# verse une pénalité »).
_NEGATED_BEFORE = re.compile(
    r"\b(?:sans|aucune?|ni|pas|non|jamais)\s+(?:(?:a|de|d'|du|des|l'|la|le|les|une?)\s*){0,2}$"
)
_NONE_INSIDE = re.compile(r"\baucune?\b")
# « ne peut se retirer sans l'accord » makes the approval a condition, not a freedom.
_ONLY_WITH = re.compile(r"\bne (?:peut|peuvent|pourra|pourront|saurait)\b|\bn'est possible qu")


def _tied(flat: str) -> bool:
    """Whether a sentence (plain form) makes the withdrawal depend on an approval, or
    charges it beyond the current year."""
    for found in _TIED.finditer(flat):
        before = flat[max(0, found.start() - 30) : found.start()]
        negation = _NEGATED_BEFORE.search(before)
        required = negation is not None and negation.group().startswith("sans")
        if required and _ONLY_WITH.search(flat[: found.start()]):
            return True  # « ne peut se retirer sans l'accord du comité »
        if negation is None and not _NONE_INSIDE.search(found.group()):
            return True
    return False


@rule(
    "CR-04",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Comité de pilotage (composition, fréquence) et coordination",
)
def governance(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    gouvernance = doc.gouvernance
    copil = gouvernance.comite_pilotage if gouvernance else None
    if copil is None or not (copil.composition or copil.autres_membres) or copil.frequence is None:
        yield Finding(
            ("gouvernance", "comite_pilotage"),
            "Précisez la composition et la fréquence du comité de pilotage.",
        )
    if gouvernance is None or gouvernance.coordination is None:
        yield Finding(
            ("gouvernance", "coordination"),
            "Désignez le membre qui assure la coordination du réseau.",
        )


@rule(
    "CR-05",
    documents=DOCS,
    level=Level.C_P,
    source="CSP (charte des réseaux de santé) S23",
    title="Engagements des membres",
)
def commitments(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    if not doc.engagements_membres:
        yield Finding(
            ("engagements_membres",),
            "La charte doit préciser les engagements des membres.",
            _health_severity(doc),
        )


@rule(
    "CR-06",
    documents=DOCS,
    level=Level.C,
    source="CSP D6321-x S23",
    title="Place des usagers : information et libre choix d'adhérer ou de se retirer",
)
def users(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    usagers = doc.usagers
    if usagers is None or usagers.information is None or not usagers.libre_choix:
        yield Finding(
            ("usagers",),
            "Précisez la place des usagers (information, libre choix "
            "d'adhérer au réseau ou de s'en retirer).",
            _health_severity(doc),
        )


@rule(
    "CR-07",
    documents=DOCS,
    level=Level.C,
    source="CSP D6321-x S23",
    title="Réseau de santé : convention constitutive, document d'information, évaluation",
)
def health_network_documents(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    if not _health(doc):
        return
    sante = doc.reseau_sante
    if sante is None or not (
        sante.convention_constitutive and sante.document_information and sante.demarche_evaluation
    ):
        yield Finding(
            ("reseau_sante",),
            "Un réseau de santé doit disposer d'une convention "
            "constitutive, d'un document d'information des usagers "
            "et d'une démarche d'évaluation.",
        )


@rule(
    "CR-08",
    documents=DOCS,
    level=Level.P,
    source=(
        "décret n° 2002-1463 ; CSP D6321-1 et suivants (rattachement à D6321-7 non vérifié) ; S32"
    ),
    title="Réseau de santé : rapport d'activité annuel avant le 31 mars",
)
def health_network_report(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    if not _health(doc):
        return
    evaluation = doc.evaluation
    if not (evaluation and evaluation.rapport_activite_annuel):
        yield Finding(
            ("evaluation", "rapport_activite_annuel"),
            "Prévoyez le rapport d'activité annuel, à établir avant le 31 mars.",
        )
    elif evaluation.date_limite_rapport and _after_march(evaluation.date_limite_rapport):
        yield Finding(
            ("evaluation", "date_limite_rapport"),
            f"Le rapport d'activité d'un réseau de santé s'établit avant le 31 mars : « avant "
            f"le {evaluation.date_limite_rapport} » est plus tard ; avancez la date limite.",
        )


# « 30 juin », « 1er avril » (plain text: « fevrier », « aout »).
_DAY_MONTH = re.compile(r"\b(1er|\d{1,2})\s+([a-z]+)\b")


def _after_march(text: str) -> bool:
    """Whether a yearly date typed in words (« 30 juin », « 1er avril ») falls after
    31 March; False for what does not read as one."""
    months = [plain(name) for name in month_names()]
    found = next((m for m in _DAY_MONTH.finditer(plain(text)) if m.group(2) in months), None)
    return found is not None and months.index(found.group(2)) + 1 > 3


@rule(
    "CR-09",
    documents=DOCS,
    level=Level.P,
    source="pratique",
    title="Signataires : les membres ou le comité de pilotage",
)
def signatories(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    codes = doc.signature.signataires
    if doc.signature.comite_pilotage or not codes:
        return
    missing = [m.short_name for m in doc.membres if m.code not in codes]
    if missing:
        yield Finding(
            ("signature", "signataires"),
            "Les signataires de la charte ne correspondent pas aux membres déclarés "
            f"(ne signent pas : {', '.join(missing)}).",
        )
