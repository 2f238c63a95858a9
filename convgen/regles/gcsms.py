"""GC-*: convention constitutive de GCSMS (domaine.md §A, CASF R312-194-1 to R312-194-25)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from convgen.errors import DataPath, Severity
from convgen.regles.base import GC, Finding, Level, RuleContext, rule
from convgen.regles.texte_libre import excerpt, plain
from convgen.schema.commun import Nature
from convgen.schema.convention_gcsms import (
    CategorieMembre,
    CompetenceAg,
    Comptabilite,
    ConventionGcsms,
    Membre,
    Mission,
    NatureApport,
    NatureJuridique,
    RegimeBudgetaire,
    RegleDroits,
)
from convgen.wording.accords import verb
from convgen.wording.formatting import amount, capitalized, join_list, number, of
from convgen.wording.libelles import label

DOCS = {GC}
HUNDRED = Decimal(100)
TOLERANCE = Decimal("0.01")
REQUIRED_POWERS = (
    CompetenceAg.BUDGET,
    CompetenceAg.COMPTES_RESULTATS,
    CompetenceAg.ADMINISTRATEUR,
    CompetenceAg.MODIFICATION_CONVENTION,
    CompetenceAg.ADMISSION,
    CompetenceAg.EXCLUSION,
    CompetenceAg.PROROGATION_DISSOLUTION,
)


def _members(doc: ConventionGcsms) -> Iterator[tuple[tuple[str, int], Membre]]:
    """(path, member) of every member."""
    for index, membre in enumerate(doc.membres):
        yield ("membres", index), membre


@rule(
    "GC-01",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-1 ; S2, S11, S27",
    title="Au moins deux membres",
)
def two_members(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if len(doc.membres) < 2:
        yield Finding(("membres",), "Un GCSMS doit compter au moins deux membres.")


@rule(
    "GC-02",
    documents=DOCS,
    level=Level.C,
    source="CASF L312-7, R312-194-1 ; S1, S2",
    title="Chaque membre relève d'une catégorie admise",
)
def member_category(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    for path, membre in _members(doc):
        if membre.categorie is None:
            yield Finding(
                (*path, "categorie"),
                f"Indiquez la catégorie {of(membre.short_name)} : seules certaines peuvent "
                "être membres d'un GCSMS (établissement ou service social ou médico-social, "
                "organisme gestionnaire, professionnel, établissement de santé…).",
            )
        elif membre.categorie is CategorieMembre.AUTRE:
            yield Finding(
                (*path, "categorie"),
                f"{capitalized(membre.short_name)} n'appartient à aucune catégorie pouvant "
                "être membre d'un GCSMS.",
            )


@rule(
    "GC-03",
    documents=DOCS,
    level=Level.P,
    source="S11, S12",
    title="Chaque membre a la personnalité juridique ou est une personne physique",
)
def legal_personality(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    for path, membre in _members(doc):
        if membre.nature is not Nature.PERSONNE_PHYSIQUE and not (membre.siren or membre.siret):
            yield Finding(
                (*path, "siren"),
                f"Indiquez le SIREN {of(membre.short_name)} : c'est lui qui montre que ce "
                "membre a la personnalité morale ; un établissement qui ne l'a pas (un "
                "service, un EHPAD géré par une association) ne peut pas être membre, c'est "
                "son organisme gestionnaire qui l'est.",
            )


def expected_nature(doc: ConventionGcsms) -> NatureJuridique | None:
    """Nature suggested by analogy with CSP L6133-3 (GCS); None when the members may choose."""
    natures = {m.nature for m in doc.membres}
    public_or_liberal = {Nature.PUBLIC, Nature.PERSONNE_PHYSIQUE}
    if Nature.PUBLIC in natures and natures <= public_or_liberal:
        return NatureJuridique.DROIT_PUBLIC
    if natures and Nature.PUBLIC not in natures:
        return NatureJuridique.DROIT_PRIVE
    return None


@rule(
    "GC-05",
    documents=DOCS,
    level=Level.C_P,
    source="CASF R312-194-7 3° (S27) ; analogie CSP L6133-3 (S30, S31) ; S17",
    title="Nature juridique indiquée et cohérente avec la composition",
)
def legal_nature(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    expected = expected_nature(doc)
    if doc.nature_juridique is not None and expected not in (None, doc.nature_juridique):
        members = (
            "ses membres sont tous des personnes publiques (ou des professionnels libéraux "
            "avec elles)"
            if expected is NatureJuridique.DROIT_PUBLIC
            else "aucun de ses membres n'est une personne publique"
        )
        yield Finding(
            ("nature_juridique",),
            f"La nature juridique « {label(doc.nature_juridique)} » est incohérente avec "
            f"la composition du groupement : {members} ; il est donc une {label(expected)} "
            "(par analogie avec l'article L. 6133-3 du code de la santé publique).",
        )
    motif = doc.motif_nature_juridique
    said = _EXCLUSIVELY.search(plain(motif)) if motif else None
    if said:
        said_public = said[1] == "publi"
        odd = [
            m
            for m in doc.membres
            if (m.nature is not Nature.PUBLIC) == said_public
            and m.nature is not Nature.PERSONNE_PHYSIQUE
        ]
        if odd:
            one = len(odd) == 1
            if said_public:
                what = (
                    "n'est pas une personne publique"
                    if one
                    else "ne sont pas des personnes publiques"
                )
            else:
                what = "est une personne publique" if one else "sont des personnes publiques"
            yield Finding(
                ("motif_nature_juridique",),
                "Le motif de la nature juridique dit le groupement constitué exclusivement "
                f"de personnes {'publiques' if said_public else 'privées'}, mais "
                f"{join_list([m.short_name for m in odd])} {what} (un avenant qui admet un "
                "membre change la composition) : mettez-le à jour.",
                Severity.AVERTISSEMENT,
            )


# « constitué exclusivement de personnes morales de droit public », « …de personnes
# publiques », « exclusivement d'organismes privés »: what the motif says the members are.
_EXCLUSIVELY = re.compile(
    r"\bexclusivement (?:de |d')(?:(?:personnes?|organismes?|membres?|morales?|de|droit) )*"
    r"(publi|priv)(?:c|cs|que|ques|e|es|ee|ees)\b"
)


@rule(
    "GC-06",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-16 ; S5, S6",
    title="Régime comptable cohérent avec la nature juridique",
)
def accounting(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    expected = {
        NatureJuridique.DROIT_PUBLIC: Comptabilite.PUBLIQUE,
        NatureJuridique.DROIT_PRIVE: Comptabilite.PRIVEE,
    }
    nature = doc.nature_juridique
    if nature is not None and doc.comptabilite is not expected[nature]:
        yield Finding(
            ("comptabilite",),
            "Le régime comptable ne correspond pas à la nature "
            f"juridique du groupement ({label(nature)}).",
        )


@rule(
    "GC-07",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-16 ; S5",
    title="Mission b) et droit privé : régime budgétaire R314-80 ou R314-101",
)
def budget_regime(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    lucrative = next((m for m in doc.membres if m.nature is Nature.PRIVE_LUCRATIF), None)
    if lucrative is not None and doc.regime_budgetaire is RegimeBudgetaire.R314_80:
        yield Finding(
            ("regime_budgetaire",),
            f"{capitalized(lucrative.short_name)} poursuit un but lucratif : le régime des "
            "articles R. 314-80 et suivants, réservé aux groupements sans membre à but "
            "lucratif, ne s'applique pas ; retenez celui des articles R. 314-101 et suivants.",
        )
        return
    if (
        Mission.EXERCICE_DIRECT_MISSIONS_ESSMS not in doc.missions
        or doc.nature_juridique is not NatureJuridique.DROIT_PRIVE
    ):
        return
    if doc.regime_budgetaire is None:
        who = "comprend un membre" if lucrative else "ne comprend aucun membre"
        yield Finding(
            ("regime_budgetaire",),
            f"Précisez le régime budgétaire applicable : le groupement {who} à but lucratif.",
        )


@rule(
    "GC-08",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-11 ; S27",
    title="Capital : apports égaux au capital, ni industrie ni titres négociables",
)
def capital(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    apports = [(i, m.apport) for i, m in enumerate(doc.membres) if m.apport is not None]
    for index, apport in apports:
        if apport.nature in (NatureApport.INDUSTRIE, NatureApport.TITRES_NEGOCIABLES):
            yield Finding(
                ("membres", index, "apport", "nature"),
                "Les apports en industrie et les titres négociables sont interdits.",
            )
        typed = apport.description or ""
        if apport.nature is not NatureApport.NATURE:
            continue  # money, or industry already refused above
        said = next(
            (why for pattern, why in _NOT_A_CONTRIBUTION if pattern.search(plain(typed))), None
        )
        if said:
            yield Finding(
                ("membres", index, "apport", "description"), f"« {excerpt(typed)} » : {said}"
            )
    if not doc.capital.avec_capital:
        yield from _without_capital(doc, bool(apports))
        return
    total = sum((a.montant for _, a in apports), start=Decimal(0))
    if doc.capital.montant == 0:
        yield Finding(
            ("capital", "montant"),
            "Le capital déclaré est nul : indiquez son montant, ou constituez le groupement "
            "sans capital (capital, avec_capital : non).",
        )
    elif doc.capital.montant is None:
        said = f" : les apports déclarés totalisent {amount(total)}" if apports else ""
        yield Finding(
            ("capital", "montant"),
            f"Indiquez le montant du capital (capital, montant){said}. Les apports se "
            "déclarent membre par membre (membres, apport).",
        )
    elif total != doc.capital.montant:
        yield Finding(
            ("capital", "montant"),
            f"La somme des apports ({amount(total)}) ne correspond pas au capital "
            f"déclaré ({amount(doc.capital.montant)}).",
        )


# What an « apport en nature » cannot be: work or know-how (industry), or a loan of use.
# A clientele is an asset and may be contributed; « matériel de travail », « prêt à
# l'emploi » or « libre de toute mise à disposition » are no such thing either.
_NOT_A_CONTRIBUTION = (
    (
        re.compile(
            r"savoir[- ]faire|\bexpertise\b|main[- ]d.oeuvre|\b(son|leur|du) travail\b|"
            r"\bapports? de competences\b|\b(heures|temps|journees) de (travail|presence)\b"
        ),
        "un savoir-faire ou un travail apportés sont un apport en industrie, interdit ; "
        "seuls l'argent et des biens dont la propriété est transférée forment le capital.",
    ),
    (
        re.compile(r"(?<!toute )\bmise? a disposition\b"),
        "un bien mis à disposition reste à son propriétaire et n'est pas un apport ; "
        "déclarez-le parmi les biens mis à disposition (biens_mis_a_disposition), hors du "
        "capital.",
    ),
)


def _without_capital(doc: ConventionGcsms, has_contributions: bool) -> Iterator[Finding]:
    if has_contributions:
        yield Finding(
            ("capital", "avec_capital"),
            "Des apports sont déclarés : indiquez le capital du groupement.",
        )
    charges = any(m.contribution_charges_pct for m in doc.membres)
    if not charges and not doc.capital.sans_cout_fonctionnement:
        yield Finding(
            ("capital",),
            "Un groupement sans apport ni participation aux charges ne "
            "peut être constitué que s'il n'engendre pas de coût de "
            "fonctionnement (sans_cout_fonctionnement).",
        )


def _wrong_total(values: list[Decimal | None]) -> Decimal | None:
    """The total of the shares given, when there are shares and it is not 100 %."""
    total = sum((v for v in values if v is not None), start=Decimal(0))
    return total if values and abs(total - HUNDRED) > TOLERANCE else None


@rule(
    "GC-09",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-7 6°, R312-194-12 ; S27",
    title="Droits statutaires : une part par membre, total de 100 %",
)
def rights_total(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    for path, membre in _members(doc):
        if membre.droits_pct is None:
            yield Finding(
                (*path, "droits_pct"),
                f"Les droits statutaires {of(membre.short_name)} ne sont pas fixés.",
            )
        elif membre.droits_pct == 0:
            yield Finding(
                (*path, "droits_pct"),
                f"Les droits statutaires {of(membre.short_name)} sont nuls : un membre sans "
                "droits n'aurait aucune voix à l'assemblée générale et ne répondrait d'aucune "
                "dette ; chaque membre a une part.",
            )
    total = _wrong_total([m.droits_pct for m in doc.membres])
    if total is not None:
        yield Finding(
            ("membres",), f"Les droits statutaires totalisent {number(total)} % au lieu de 100 %."
        )


@rule(
    "GC-10",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-12 ; S27",
    title="Droits proportionnels aux apports ou aux charges",
)
def rights_proportional(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    regle = doc.droits.regle
    if regle is RegleDroits.CONVENTIONNELLE:
        if any(m.apport for m in doc.membres) or any(
            m.contribution_charges_pct for m in doc.membres
        ):
            yield Finding(
                ("droits", "regle"),
                "Des apports ou des participations aux charges "
                "existent : les droits doivent leur être "
                "proportionnels.",
            )
        return
    for path, membre in _members(doc):
        expected = _expected_share(doc, membre, regle)
        actual = membre.droits_pct
        if expected is not None and actual is not None and abs(actual - expected) > TOLERANCE:
            yield from _not_proportional((*path, "droits_pct"), membre, regle, expected)


def _not_proportional(
    path: DataPath, membre: Membre, regle: RegleDroits, expected: Decimal
) -> Iterator[Finding]:
    """GC-10: the share the chosen rule gives, and the other rule when the rights follow
    it (a director who set rights equal to the charges, the rule left on the
    contributions)."""
    name, actual = membre.short_name, number(membre.droits_pct or Decimal(0))
    its = verb(name, "sa", "leur")
    if regle is RegleDroits.PROPORTIONNELS_CHARGES:
        yield Finding(
            path,
            f"Les droits statutaires {of(name)} ({actual} %) ne sont pas proportionnels à "
            f"{its} participation aux charges ({number(expected)} %), comme le veut la règle "
            "choisie pour les droits (droits.regle).",
        )
        return
    charges = membre.contribution_charges_pct
    if charges is not None and abs(charges - (membre.droits_pct or 0)) <= TOLERANCE:
        yield Finding(
            path,
            f"Les droits statutaires {of(name)} ({actual} %) ne sont pas proportionnels à "
            f"{verb(name, 'son', 'leur')} apport ({number(expected)} % du capital), comme le "
            "veut la règle choisie pour les droits (droits.regle) ; ils suivent "
            f"{its} participation aux charges : si c'est la règle voulue, choisissez des "
            "droits proportionnels à la participation aux charges.",
        )
        return
    yield Finding(
        path,
        f"Les droits statutaires {of(name)} ({actual} %) ne sont pas proportionnels à "
        f"{verb(name, 'son', 'leur')} apport ({number(expected)} % du capital), comme le "
        "veut la règle choisie pour les droits (droits.regle).",
    )


def _expected_share(doc: ConventionGcsms, membre: Membre, regle: RegleDroits) -> Decimal | None:
    if regle is RegleDroits.PROPORTIONNELS_CHARGES:
        return membre.contribution_charges_pct
    capital_total = doc.capital.montant
    if not capital_total:
        return None
    contributed = membre.apport.montant if membre.apport else Decimal(0)
    return (contributed * HUNDRED / capital_total).quantize(Decimal("0.01"))


@rule(
    "GC-11",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-7 8°, R312-194-11 ; S27",
    title="Contributions aux charges de chaque membre (100 %) et révision annuelle",
)
def charges(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.capital.sans_cout_fonctionnement:
        return
    for path, membre in _members(doc):
        if membre.contribution_charges_pct is None:
            yield Finding(
                (*path, "contribution_charges_pct"),
                f"La contribution aux charges {of(membre.short_name)} n'est pas définie.",
            )
    total = _wrong_total([m.contribution_charges_pct for m in doc.membres])
    if total is not None:
        yield Finding(
            ("membres",),
            f"Les contributions aux charges totalisent {number(total)} % au lieu de 100 %.",
        )
    if not doc.charges.revision_annuelle:
        yield Finding(
            ("charges", "revision_annuelle"),
            "Les contributions aux charges sont révisées chaque année lors de la "
            "préparation du budget.",
        )


@rule(
    "GC-13",
    documents=DOCS,
    level=Level.C,
    source="S1, S27",
    title="Objet compatible avec les missions du 3° de L312-7",
)
def missions(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if Mission.AUTRE in doc.missions and doc.mission_autre is None:
        yield Finding(
            ("mission_autre",),
            "« Autre mission » est choisie sans être décrite : écrivez-la (mission_autre), "
            "à l'infinitif comme les autres ; elle est imprimée parmi les missions.",
        )
    elif doc.mission_autre is not None and Mission.AUTRE not in doc.missions:
        yield Finding(
            ("mission_autre",),
            "Une autre mission est décrite sans que « autre » soit choisie parmi les "
            "missions : elle ne serait pas imprimée ; choisissez « autre » ou retirez-la.",
        )
    if not [m for m in doc.missions if m is not Mission.AUTRE]:
        yield Finding(
            ("missions",),
            "L'objet du groupement ne correspond à aucune mission d'un "
            "GCSMS prévue par l'article L. 312-7 du CASF : indiquez ses "
            "missions.",
        )


@rule(
    "GC-14",
    documents=DOCS,
    level=Level.C,
    source="CASF R312-194-5, R312-194-8 ; S3, S27",
    title="Missions d'ESSMS : autorisation référencée et protocole annexé",
)
def authorisations(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    direct = Mission.EXERCICE_DIRECT_MISSIONS_ESSMS in doc.missions
    exploits = Mission.EXPLOITATION_AUTORISATION_MEMBRE in doc.missions
    if (direct or exploits) and not doc.autorisations:
        yield Finding(
            ("autorisations",),
            "Le groupement exerce des missions d'ESSMS : indiquez l'autorisation correspondante.",
        )
    if (direct or Mission.FUSION_REGROUPEMENT in doc.missions) and doc.protocole is None:
        yield Finding(
            ("protocole",),
            "Le groupement exerce les missions b) ou c) : annexez le "
            "protocole (objet, moyens, calendrier, information des "
            "membres).",
        )
