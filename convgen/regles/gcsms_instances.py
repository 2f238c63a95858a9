"""GC-*: general assembly, administrator, membership changes, staff and publication of a
GCSMS (CASF R312-194-10, R312-194-19 to R312-194-24)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from convgen.errors import Severity
from convgen.regles.base import GC, Finding, Level, RuleContext, declared_rule, rule
from convgen.regles.gcsms import REQUIRED_POWERS
from convgen.regles.texte_libre import excerpt, plain
from convgen.schema.commun import Nature
from convgen.schema.convention_gcsms import (
    AutoritePublication,
    CompetenceAg,
    Comptabilite,
    ConventionGcsms,
    NatureJuridique,
    RegimeRecrutement,
)
from convgen.wording.accords import counted
from convgen.wording.formatting import days, join_list, number, of
from convgen.wording.libelles import label

DOCS = {GC}
ONE_THIRD = Decimal("33.34")


@rule(
    "GC-16",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-20 ; S6, S27",
    title="Assemblée générale au moins une fois par an",
)
def assembly_yearly(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.assemblee_generale.reunions_par_an < 1:
        yield Finding(
            ("assemblee_generale", "reunions_par_an"),
            "L'assemblée générale doit se réunir au moins une fois par an.",
        )


@rule(
    "GC-17",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-20 ; S6, S27",
    title="Réunion de droit à la demande d'au plus un tiers des membres",
)
def assembly_on_request(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.assemblee_generale.seuil_demande_pct > ONE_THIRD:
        yield Finding(
            ("assemblee_generale", "seuil_demande_pct"),
            "La convention ne peut pas exiger plus d'un tiers des membres pour "
            "demander la réunion de l'assemblée générale.",
        )


@rule(
    "GC-18",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-20 ; S6, S27",
    title="Délai de convocation (à défaut : 15 jours, 48 heures en urgence)",
)
def convening_delay(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    ag = doc.assemblee_generale
    if ag.delai_convocation_jours is None:
        yield Finding(
            ("assemblee_generale", "delai_convocation_jours"),
            "Délai de convocation absent : la valeur par défaut (15 jours, 48 heures en "
            "urgence) sera appliquée.",
            Severity.AVERTISSEMENT,
        )
    # Members deliberate through their own bodies' mandates: a few days do not let them
    # prepare a vote (practice; the code sets no floor, its default is 15 days, 48 hours).
    elif ag.delai_convocation_jours < _SHORTEST_NOTICE_DAYS:
        yield Finding(
            ("assemblee_generale", "delai_convocation_jours"),
            f"Un délai de convocation {of(days(ag.delai_convocation_jours))} ne laisse pas "
            "aux membres le temps de préparer l'assemblée (le délai par défaut est de "
            "15 jours) : allongez-le, l'urgence a son propre délai.",
            Severity.AVERTISSEMENT,
        )
    if ag.delai_urgence_heures is not None and ag.delai_urgence_heures < _SHORTEST_URGENT_HOURS:
        yield Finding(
            ("assemblee_generale", "delai_urgence_heures"),
            "Un délai de convocation d'urgence "
            f"{of(counted(ag.delai_urgence_heures, 'heure', True))} ne permet pas à chaque membre "
            "d'être présent ou représenté (le délai par défaut est de 48 heures) : "
            "allongez-le.",
            Severity.AVERTISSEMENT,
        )


_SHORTEST_NOTICE_DAYS = 8
_SHORTEST_URGENT_HOURS = 24


@rule(
    "GC-19",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-20 ; S6, S27",
    title="Procuration seulement au-delà de deux membres, un mandat par membre",
)
def proxies(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    procuration = doc.assemblee_generale.procuration
    if not procuration.autorisee:
        return
    # Left at its default, it is printed « not admitted while the group has two members ».
    if len(doc.membres) <= 2 and "autorisee" in procuration.model_fields_set:
        yield Finding(
            ("assemblee_generale", "procuration"),
            f"Le vote par procuration n'est possible que si le groupement compte plus de "
            f"deux membres ({len(doc.membres)} ici).",
        )
    if procuration.mandats_max > 1:
        yield Finding(
            ("assemblee_generale", "procuration", "mandats_max"),
            "Un membre ne peut détenir qu'un seul mandat de vote par procuration "
            f"({procuration.mandats_max} prévus).",
        )


@rule(
    "GC-20",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-20 ; S6, S27",
    title="Présidence de l'assemblée générale (l'administrateur, à défaut)",
)
def assembly_chair(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.assemblee_generale.president is None:
        yield Finding(
            ("assemblee_generale", "president"),
            "Aucun président de l'assemblée générale n'est stipulé : l'administrateur "
            "la présidera.",
            Severity.INFORMATION,
        )


@rule(
    "GC-21",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-21 ; S6, S27",
    title="Compétences minimales de l'assemblée générale",
)
def assembly_powers(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    required = list(REQUIRED_POWERS)
    if doc.comptabilite is Comptabilite.PRIVEE:
        required.append(CompetenceAg.COMMISSAIRE_AUX_COMPTES)
    for power in required:
        if power not in doc.assemblee_generale.competences:
            yield Finding(
                ("assemblee_generale", "competences"),
                f"La compétence « {label(power)} » doit relever de l'assemblée générale.",
            )
    for index, text in enumerate(doc.assemblee_generale.delegations_administrateur):
        flat = plain(text)
        # Every reserved matter the delegation names, in the order it names them.
        found = sorted((m.start(), name) for name, said in _RESERVED if (m := said.search(flat)))
        path = ("assemblee_generale", "delegations_administrateur", index)
        if len(found) == 1:
            yield Finding(
                path,
                f"« {excerpt(text)} » : {found[0][1]} relève de l'assemblée générale seule "
                "(CASF, art. R. 312-194-21) ; l'assemblée ne peut déléguer à l'administrateur "
                "que les autres matières. Retirez cette délégation.",
            )
        elif found:
            yield Finding(
                path,
                f"« {excerpt(text)} » : {join_list([name for _, name in found])} relèvent de "
                "l'assemblée générale seule (CASF, art. R. 312-194-21) ; l'assemblée ne peut "
                "déléguer à l'administrateur que les autres matières. Retirez cette "
                "délégation.",
            )


# The matters R312-194-21 gives the assembly, as a delegation would name them (plain
# text): the assembly may delegate the others only. Each names the group's own matter
# (a member, its convention, its administrator), not the daily management that shares
# its words (« la liquidation des dépenses », « l'admission des personnes accueillies »,
# « les avenants aux contrats de travail », « la nomination du directeur administratif »).
_MEMBER = r"(?:d'un |de |des |du |un |de nouveaux |les |le )?(?:nouveaux? )?membres?\b"
_RESERVED = (
    (
        "l'adoption du budget",
        re.compile(r"\b(adoption|vote|approbation|adopter|voter|approuver)\s+(du|le)\s+budget"),
    ),
    (
        "l'approbation des comptes",
        re.compile(r"\b(approbation|approuver)\s+(des|les)\s+comptes|affectation des resultats"),
    ),
    ("l'admission d'un membre", re.compile(rf"\b(admission|admettre)\s+{_MEMBER}")),
    ("l'exclusion d'un membre", re.compile(rf"\b(exclusion|exclure)\s+{_MEMBER}")),
    (
        "la modification de la convention constitutive",
        re.compile(r"\bmodifi\w*\b.{0,25}\bconvention constitutive\b|\bavenants? a la convention"),
    ),
    (
        "la nomination ou la révocation de l'administrateur",
        re.compile(r"\b(nomination|revocation|nommer|revoquer)\s+(de )?l'administrateur\b"),
    ),
    (
        "le choix du commissaire aux comptes",
        re.compile(
            r"\b(choix|designation|nomination|choisir|designer|nommer)\s+(du|le)\s+commissaire"
        ),
    ),
    (
        "la prorogation ou la dissolution",
        re.compile(r"\b(prorogation|dissolution|liquidation)\s+du\s+groupement\b"),
    ),
    (
        "le règlement intérieur",
        re.compile(r"\b(adoption|adopter|modification|modifier)\s+(du|le)\s+reglement interieur"),
    ),
    (
        "l'adhésion à une autre structure ou le retrait",
        re.compile(
            r"\badhe\w*\s+(du groupement\s+)?a\s+(une|un)\s+(autre\s+)?"
            r"(structure|groupement|reseau)"
        ),
    ),
)


@rule(
    "GC-22",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-22 ; S27",
    title="Quorum d'au moins la moitié des droits ; unanimité pour modifier la convention",
)
def quorum(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    ag = doc.assemblee_generale
    if ag.quorum_pct_droits < 50:
        yield Finding(
            ("assemblee_generale", "quorum_pct_droits"),
            f"Le quorum ({number(ag.quorum_pct_droits)} % des droits) ne peut être inférieur "
            "à la moitié des droits : indiquez 50 % au moins.",
        )
    if not ag.unanimite_modification:
        yield Finding(
            ("assemblee_generale", "unanimite_modification"),
            "La modification de la convention exige l'unanimité des membres présents ou "
            "représentés : répondez oui.",
        )
    yield from _majority(ag.majorite_autres_decisions)


# « chaque membre disposant d'une voix », « une voix par membre »: votes by head, where
# each member's votes follow its rights (R. 312-194-12).
_ONE_VOTE_EACH = re.compile(
    r"\b(chaque|tout) membre (dispos\w* d[' ]|a |ayant )?(une seule|une) voix\b"
    r"|\bune (seule )?voix par membre\b|\bun membre,? une voix\b"
)
_CASTING_VOTE = re.compile(r"\bvoix\b[^.;]{0,60}\bpreponderante\b")
_PRESENT = re.compile(r"\bpresents\b")


def _majority(text: str | None) -> Iterator[Finding]:
    """The majority of the other decisions, as typed: by the votes of the members present
    or represented, each member's votes proportional to its rights (CASF R. 312-194-12
    and R. 312-194-22)."""
    if not text:
        return
    flat, path = plain(text), ("assemblee_generale", "majorite_autres_decisions")
    if _ONE_VOTE_EACH.search(flat):
        yield Finding(
            path,
            f"« {excerpt(text)} » donne une voix à chaque membre : à l'assemblée générale, "
            "le nombre de voix de chaque membre est proportionnel à ses droits statutaires "
            "(CASF, art. R. 312-194-12) ; écrivez la majorité en voix (« à la majorité des "
            "voix des membres présents ou représentés »).",
        )
    if _CASTING_VOTE.search(flat):
        yield Finding(
            path,
            f"« {excerpt(text)} » donne une voix prépondérante : les décisions sont prises à "
            "la majorité des voix des membres présents ou représentés, proportionnelles à "
            "leurs droits (CASF, art. R. 312-194-22) ; un partage des voix rejette la "
            "proposition.",
            Severity.AVERTISSEMENT,
        )
    if _PRESENT.search(flat) and "represent" not in flat:
        yield Finding(
            path,
            f"« {excerpt(text)} » ne compte que les membres présents : ceux qui sont "
            "représentés votent aussi (CASF, art. R. 312-194-22) ; écrivez « présents ou "
            "représentés ».",
            Severity.AVERTISSEMENT,
        )


@rule(
    "GC-23",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-23 ; S7, S27",
    title="Administrateur : un membre ou le représentant d'un membre",
)
def administrator_member(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.administrateur is not None and doc.administrateur.membre_represente is None:
        yield Finding(
            ("administrateur", "membre_represente"),
            "L'administrateur doit être un membre ou le représentant d'un membre du groupement.",
        )


@rule(
    "GC-24",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-23 ; S7, S27",
    title="Mandat d'administrateur de trois ans, renouvelable, révocable, gratuit",
)
def administrator_mandate(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    admin = doc.administrateur
    if admin is None:
        return
    if admin.duree_mandat_ans != 3:
        yield Finding(
            ("administrateur", "duree_mandat_ans"),
            "Le mandat de l'administrateur est de trois ans, non "
            f"{of(counted(admin.duree_mandat_ans, 'an'))} : indiquez 3.",
        )
    for key, held, said in (
        ("renouvelable", admin.renouvelable, "renouvelable"),
        ("revocable", admin.revocable, "révocable"),
        ("gratuit", admin.gratuit, "gratuit"),
    ):
        if not held:
            yield Finding(
                ("administrateur", key),
                f"Le mandat de l'administrateur est {said} : répondez oui.",
            )


@rule(
    "GC-26",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-10, R312-194-22 ; S6, S27",
    title="Admission à l'unanimité de l'assemblée générale, par avenant",
)
def admission(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if not doc.assemblee_generale.unanimite_admission:
        yield Finding(
            ("assemblee_generale", "unanimite_admission"),
            "L'admission d'un nouveau membre doit être décidée à l'unanimité par "
            "l'assemblée générale et donner lieu à un avenant.",
        )


@rule(
    "GC-27",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-10 al. 2 ; S4, S27",
    title="Retrait en fin d'exercice, préavis d'au moins six mois",
)
def withdrawal(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.retrait.preavis_mois < 6:
        yield Finding(
            ("retrait", "preavis_mois"),
            "Le retrait ne peut intervenir qu'en fin "
            "d'exercice, après un préavis d'au moins six "
            "mois.",
        )


@rule(
    "GC-28",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-7 10°, R312-194-10 al. 3, R312-194-22 ; S27",
    title="Exclusion : motifs et audition (groupement d'au moins trois membres)",
)
def exclusion(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if len(doc.membres) < 3 and doc.exclusion.motifs:
        yield Finding(
            ("exclusion", "motifs"),
            "Un groupement de deux membres ne peut exclure aucun d'eux (l'exclusion ne peut "
            "être prononcée qu'à partir de trois membres) : les motifs indiqués ne "
            "s'appliqueraient qu'après l'admission d'un troisième membre.",
            Severity.AVERTISSEMENT,
        )
    yield from _excluded_by_another(doc.exclusion.audition)
    if len(doc.membres) >= 3 and not (doc.exclusion.motifs and doc.exclusion.audition):
        yield Finding(
            ("exclusion",),
            "Précisez les motifs et la procédure d'exclusion, y compris l'audition du "
            "membre : un groupement de trois membres ou plus doit les prévoir "
            "(CASF, art. R. 312-194-7 10°).",
        )


# « L'exclusion est prononcée par l'administrateur », « le bureau décide l'exclusion ».
_BY_ANOTHER = re.compile(
    r"\bexclusion\b[^.;]{0,40}\b(prononcee|decidee|votee)s? par (l[' ]|le |la )?"
    r"(administrateur|president|presidente|bureau|directeur|directrice|comite)"
    r"|\b(administrateur|president|presidente|bureau|directeur|directrice|comite)\b[^.;]{0,30}"
    r"\b(prononce|decide|vote)\b[^.;]{0,10}\bexclusion\b"
)


def _excluded_by_another(text: str | None) -> Iterator[Finding]:
    """An exclusion is the assembly's decision (R. 312-194-10 al. 3, R. 312-194-21): the
    hearing's terms cannot give it to the administrator or another body."""
    found = _BY_ANOTHER.search(plain(text)) if text else None
    if text and found:
        yield Finding(
            ("exclusion", "audition"),
            f"« {excerpt(text)} » confie l'exclusion à un autre que l'assemblée générale : "
            "seule l'assemblée générale la prononce, sans le vote du membre visé (CASF, "
            "art. R. 312-194-10 et R. 312-194-21) ; décrivez ici l'audition du membre.",
        )


@rule(
    "GC-30",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-24 ; S27",
    title="Un retrait qui laisserait un seul membre entraîne la dissolution",
)
def last_member(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if len(doc.membres) == 2:
        yield Finding(
            ("membres",),
            "Avec deux membres, un retrait ne laisserait qu'un membre : "
            "le groupement devrait alors être dissous.",
            Severity.AVERTISSEMENT,
        )


@rule(
    "GC-31",
    documents=DOCS,
    level=Level.P,
    source="CASF R312-194-18 (régime de 2019) ; S28, S10, S11",
    title="Autorité destinataire de la déclaration",
)
def publication_authority(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    publication = doc.publication
    if publication.autorite is None or (
        publication.autorite is AutoritePublication.AUTRE and publication.autorite_precision is None
    ):
        yield Finding(
            ("publication", "autorite"),
            "Indiquez l'autorité à laquelle la convention constitutive est déclarée.",
        )


@rule(
    "GC-33",
    documents=DOCS,
    level=Level.C_P,
    source="CASF R312-194-6 (S27) ; forme S25",
    title="Délibération de chaque membre citée dans les visas",
)
def deliberations(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    for index, membre in enumerate(doc.membres):
        # A natural person (a professional in private practice) decides alone: no body
        # deliberates for them, and their signature is their consent.
        if membre.habilitation is None and membre.nature is not Nature.PERSONNE_PHYSIQUE:
            # Each member's decision is [C] (R312-194-6); only its wording is [P].
            yield Finding(
                ("membres", index, "habilitation"),
                f"Les visas doivent citer la délibération {of(membre.short_name)} qui "
                "autorise son adhésion : indiquez-en l'organe et la date.",
                Severity.ERREUR,
            )


@rule(
    "GC-34",
    documents=DOCS,
    level=Level.C,
    source="CASF L312-7 a), R312-194-7 13°, R312-194-14, R312-194-15 ; S27",
    title="Personnels : conditions d'intervention, mise à disposition, recrutement",
)
def staff(doc: ConventionGcsms, context: RuleContext) -> Iterator[Finding]:
    personnels = doc.personnels
    expected = {
        NatureJuridique.DROIT_PUBLIC: RegimeRecrutement.PUBLIC,
        NatureJuridique.DROIT_PRIVE: RegimeRecrutement.PRIVE,
    }
    wanted = expected.get(doc.nature_juridique) if doc.nature_juridique else None
    wrong_regime = (
        personnels.recrutement_propre
        and personnels.regime is not None
        and wanted is not None
        and personnels.regime is not wanted
    )
    no_regime = personnels.recrutement_propre and personnels.regime is None
    # Missing answers only (not a regime contrary to the nature): a draft prints a
    # placeholder for them.
    missing = Severity.AVERTISSEMENT if context.draft else None
    if personnels.conditions_intervention is None:
        yield Finding(
            ("personnels",),
            "Précisez les modalités de mise à disposition ou de "
            "recrutement des personnels (conditions d'intervention des "
            "professionnels et, en cas de recrutement propre, régime "
            "conforme à la nature du groupement).",
            missing,
        )
    elif no_regime:  # the conditions are there: only the regime is asked
        yield Finding(
            ("personnels", "regime"),
            "Le groupement recrute des personnels propres : précisez leur régime "
            "(regime), conforme à la nature du groupement.",
            missing,
        )
    if wrong_regime and doc.nature_juridique and personnels.regime and wanted:  # a draft too
        yield Finding(
            ("personnels", "regime"),
            f"Le groupement, {label(doc.nature_juridique)}, recrute des {label(wanted)}, "
            f"non des {label(personnels.regime)} : corrigez le régime (regime) ou la nature "
            "du groupement.",
        )


declared_rule(
    "GC-29",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-7 11°, R312-194-24, R312-194-25 ; S27",
    title="Dissolution et liquidation (causes, liquidateur, dévolution des biens)",
    enforcement="schema",
)
for _id, _level, _source, _title in (
    (
        "GC-12",
        Level.C,
        "CASF R312-194-7 9°, R312-194-12 ; S27",
        "Membres tenus des dettes à proportion de leurs droits",
    ),
    (
        "GC-15",
        Level.C,
        "CASF R312-194-19 ; S6, S27",
        "Assemblée générale composée de tous les membres",
    ),
    (
        "GC-25",
        Level.C,
        "CASF R312-194-16, R312-194-23 ; S5, S7",
        "Comptabilité publique : administrateur ordonnateur, agent comptable",
    ),
    (
        "GC-32",
        Level.C_P,
        "CASF R312-194-7 dernier al., R312-194-10, R312-194-22 ; S27",
        "Toute modification par avenant adopté à l'unanimité, mêmes formalités",
    ),
    (
        "GC-35",
        Level.P,
        "S11 ; CSP L6133-1 (groupements de coopération sanitaire : par analogie, le renvoi "
        "a été supprimé en 2015)",
        "But non lucratif du groupement",
    ),
    (
        "GC-36",
        Level.C,
        "S15",
        "GCSMS de droit public : budget voté au plus tard le 31 octobre de l'année précédente",
    ),
):
    declared_rule(
        _id, documents=DOCS, level=_level, source=_source, title=_title, enforcement="modele"
    )
