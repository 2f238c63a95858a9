"""PI-18, PI-20, PI-21, PI-22: who receives what — third parties who are no party, flows at
orientation, and the report of a child at risk kept apart from sharing (domaine.md §J.1,
§J.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from convgen.errors import DataPath
from convgen.regles.base import ALL_DOCUMENTS, CP, Finding, Level, RuleContext, rule
from convgen.regles.texte_libre import excerpt, free_texts, plain
from convgen.schema.commun import FormeJuridique
from convgen.schema.convention_partenariat import ConventionPartenariat
from convgen.schema.document import SharedDocument, actor_names
from convgen.schema.partage import (
    L1110_4_BASES,
    BaseLegale,
    Flux,
    NatureTiers,
    Phase,
    RoleRgpd,
)
from convgen.wording.formatting import capitalized, of
from convgen.wording.libelles import label

_INTERPRETER = re.compile(r"\binterpret(e|es|ariat)\b")
_REPORT = re.compile(r"\b(informations?|situations?) preoccupantes?\b")


def _words(flux: Flux) -> str:
    """A flow's title and categories, as the patterns read them."""
    return plain(" ".join([flux.intitule, *flux.categories_informations]))


@rule(
    "PI-20",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="CSP L. 1110-4 I ; RGPD art. 28.3",
    title="Tiers qui reçoit des informations (interprète, prestataire) : destinataire d'un "
    "flux, sous-traitant de la partie qui le mandate",
)
def third_parties_declared(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    tiers_list = partage.intervenants_tiers if partage else []
    names = actor_names(doc)
    receivers = {flux.destinataire for flux in partage.flux} if partage else set()
    roles = {r.partie: r for r in partage.rgpd.roles} if partage and partage.rgpd else {}
    for index, tiers in enumerate(tiers_list):
        where: DataPath = ("partage_information", "intervenants_tiers", index)
        name = capitalized(tiers.nom)
        if tiers.code not in receivers:
            yield Finding(
                where,
                f"{name} reçoit des informations sur les personnes sans figurer parmi les "
                "destinataires des flux : déclarez le flux qui lui est destiné "
                "(partage_information.flux).",
            )
        role = roles.get(tiers.code)
        if role is not None and (
            role.role is not RoleRgpd.SOUS_TRAITANT or role.pour_le_compte_de != tiers.mandant
        ):
            mandant = names.get(tiers.mandant, tiers.mandant)
            yield Finding(
                where,
                f"{name} traite les données pour le compte {of(mandant)}, qui y fait appel : "
                "la qualification attendue est celle de sous-traitant de cette partie "
                f"(role: sous_traitant, pour_le_compte_de: {tiers.mandant}), sous le contrat "
                "de l'article 28 du RGPD.",
            )
    if any(t.nature is NatureTiers.INTERPRETE for t in tiers_list) or any(
        _INTERPRETER.search(_words(f)) for f in (partage.flux if partage else [])
    ):
        return  # an interpreter declared, or a flow that books one
    for path, text in free_texts(doc):
        if _INTERPRETER.search(plain(text)):
            yield Finding(
                path,
                f"Le texte « {excerpt(text)} » fait intervenir un interprète, qui reçoit des "
                "informations sur les personnes sans être déclaré : ajoutez-le aux "
                "intervenants tiers (partage_information.intervenants_tiers), avec le flux "
                "qu'il reçoit et la partie qui le mandate.",
            )
            return


@rule(
    "PI-21",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="CSP L. 1110-4 II",
    title="Flux d'orientation : accord de la personne, non échange de l'article L. 1110-4 II",
)
def orientation_needs_agreement(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    names = actor_names(doc)
    for index, flux in enumerate(partage.flux if partage else []):
        if flux.phase is Phase.ORIENTATION and flux.base_legale in L1110_4_BASES:
            receiver = names.get(flux.destinataire, flux.destinataire)
            yield Finding(
                ("partage_information", "flux", index, "base_legale"),
                f"Le flux « {flux.intitule} » a lieu lors de l'orientation, avant que "
                f"{receiver} ne participe à la prise en charge : fondez-le sur l'accord de la "
                "personne (base_legale: consentement), non sur l'article L. 1110-4 II du CSP.",
            )


@rule(
    "PI-22",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF L. 226-2-1, L. 226-3",
    title="Information préoccupante : flux distinct fondé sur l'article L. 226-2-1, vers le "
    "président du conseil départemental",
)
def child_at_risk_report(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    forms = {org.code: org.forme_juridique for org in doc.organisations}
    names = actor_names(doc)
    for index, flux in enumerate(partage.flux if partage else []):
        path = ("partage_information", "flux", index)
        reported = _REPORT.search(_words(flux))
        if flux.base_legale is not BaseLegale.INFORMATION_PREOCCUPANTE_L226_2_1:
            if reported:
                yield Finding(
                    (*path, "base_legale"),
                    f"Le flux « {flux.intitule} » transmet une information préoccupante : il "
                    "relève de l'article L. 226-2-1 du CASF (base_legale: "
                    "information_preoccupante_l226_2_1), non d'un partage entre "
                    "professionnels ; déclarez-le à part, vers le président du conseil "
                    "départemental (cellule de recueil).",
                )
            continue
        form = forms.get(flux.destinataire)
        if form is not None and form is not FormeJuridique.DEPARTEMENT:
            receiver = names.get(flux.destinataire, flux.destinataire)
            yield Finding(
                (*path, "destinataire"),
                "La transmission d'informations préoccupantes relève de l'article L. 226-2-1 "
                "du CASF : son destinataire est le président du conseil départemental "
                f"(cellule de recueil), non {receiver}.",
            )
        if not flux.information_autorite_parentale and flux.motif_absence_information is None:
            yield Finding(
                (*path, "information_autorite_parentale"),
                "Prévoyez l'information préalable des parents, des titulaires de l'autorité "
                "parentale ou du tuteur, sauf intérêt contraire de l'enfant (motif à indiquer : "
                "motif_absence_information).",
            )
        elif flux.motif_absence_information is not None and flux.appreciation_par is None:
            yield Finding(
                (*path, "appreciation_par"),
                "Les parents ne sont pas informés au motif de l'intérêt de l'enfant : indiquez "
                "qui porte cette appréciation (appreciation_par, par exemple « le responsable "
                "de la cellule de recueil »).",
            )


@rule(
    "PI-18",
    documents={CP},
    level=Level.P,
    source="CSP L. 1110-4 I-II, R. 1110-1",
    title="Partie d'une modalité portant sur des personnes identifiées : émettrice ou "
    "destinataire d'un flux",
)
def nominative_activity_in_flows(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    if partage is None or not partage.flux:
        return  # CP-15 asks for the clause itself
    in_flows = {code for flux in partage.flux for code in (flux.emetteur, flux.destinataire)}
    names = actor_names(doc)
    for index, modalite in enumerate(doc.modalites):
        if not modalite.is_nominative:
            continue
        what = modalite.intitule or label(modalite.type)
        for rank, code in enumerate(modalite.parties):
            if code not in in_flows:
                yield Finding(
                    ("modalites", index, "parties", rank),
                    f"{capitalized(names.get(code, code))} participe à « {what} », qui porte sur "
                    "des personnes identifiées, mais n'apparaît dans aucun flux d'informations : "
                    "déclarez le flux ou indiquez que la modalité est anonymisée "
                    "(nominative: false).",
                )
