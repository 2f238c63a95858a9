"""CR-11, CR-12: the tools a network's members share on persons (logbook, relay form) are
declared with who keeps them, who uses them, and the flows and roles that go with them
(domaine.md §J.1, J.3); no financial commitment beyond a contribution kept by a member."""

from __future__ import annotations

import re
from collections.abc import Iterator

from convgen.regles.base import CR, Finding, Level, RuleContext, rule
from convgen.regles.texte_libre import as_typed, excerpt, free_sentences, free_texts, plain
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.commun import short_names
from convgen.wording.formatting import join_list

# A tool that, in a network, holds information on persons (§J.1).
_TOOL = re.compile(
    r"\b(cahier|fiche)s? de (liaison|relais|transmission)\b|\b(dossier|fichier)s? "
    r"(partage|commun)|\bbases? de donnees (partagee|commune)s?\b|\btableaux? de suivi "
    r"(partage|commun)"
)


@rule(
    "CR-11",
    documents={CR},
    level=Level.P,
    source="CSP L. 1110-4 ; RGPD art. 26, 28",
    title="Outil partagé du réseau portant sur des personnes : gestionnaire, utilisateurs, "
    "flux et rôles RGPD",
)
def shared_tools_declared(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    outils = doc.gouvernance.outils_partages if doc.gouvernance else []
    if not outils:
        for path, text in free_texts(doc):
            found = _TOOL.search(plain(text))
            if found:
                yield Finding(
                    path,
                    f"Le texte « {excerpt(text)} » évoque « {as_typed(text, *found.span())} » : "
                    "déclarez cet "
                    "outil (gouvernance.outils_partages : nom, gestionnaire, utilisateurs, "
                    "donnees_personnelles) pour dire s'il porte sur des personnes identifiées.",
                )
                return
        return
    partage = doc.partage_information
    in_flows = {c for f in partage.flux for c in (f.emetteur, f.destinataire)} if partage else set()
    with_role = {r.partie for r in partage.rgpd.roles} if partage and partage.rgpd else set()
    names = short_names(doc.membres)
    for index, outil in enumerate(outils):
        if not outil.donnees_personnelles:
            continue
        users = dict.fromkeys([outil.gestionnaire, *outil.utilisateurs])
        missing = [c for c in users if c not in in_flows or c not in with_role]
        if missing and in_flows:  # without any flow, PI-19 blocks
            yield Finding(
                ("gouvernance", "outils_partages", index),
                f"Le réseau tient « {outil.nom} » sur des personnes : déclarez les flux et le "
                "rôle RGPD de chacun de ceux qui le tiennent ou y accèdent (manquent : "
                f"{join_list(names.get(c, c) for c in missing)}).",
            )


# A member's financial commitment a free-adhesion charter cannot carry (domaine.md §C.1).
_COMMITMENT = re.compile(
    r"\bdeficit|solidarite financiere|solidairement|prise en charge des pertes|"
    r"combler les pertes|garantie financiere"
)
# A sum the members pay besides the contribution (« verser chaque année une participation
# de 3 000 euros au financement du poste de coordinatrice »): written as a member's
# commitment, or with the members as its subject; not funding the network receives.
_PAYMENT = re.compile(
    r"\b(vers\w*|particip\w*|contribu\w*)\b.{0,60}\d[\d\s\u00a0\u202f.]*(?:,\d+)?\s*"
    r"(?:€|euros?\b)"
)
_MEMBERS = re.compile(
    r"\b(chaque membre|les membres|le membre|chacun des membres|chaque adherent|les adherents)\b"
)


@rule(
    "CR-12",
    documents={CR},
    level=Level.P,
    source="nature de la charte d'adhésion libre ; pratique",
    title="Charte : pas d'engagement financier au-delà d'une cotisation, versée à une "
    "structure porteuse",
)
def no_financial_commitment(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    financement = doc.financement
    if (
        financement is not None
        and financement.cotisation
        and not (financement.cotisation_beneficiaire)
    ):
        yield Finding(
            ("financement", "cotisation_beneficiaire"),
            "Le réseau, sans personnalité morale, ne perçoit pas de fonds : indiquez le membre "
            "qui perçoit la cotisation pour lui (cotisation_beneficiaire, la structure "
            "porteuse).",
        )
    # the contribution's own answers aside; one finding is enough
    for path, sentence, flat in free_sentences(doc, outside="financement"):
        if _commits(flat, path):
            yield Finding(
                path,
                f"La charte engage financièrement ses membres (« {excerpt(sentence)} ») : une "
                "charte d'adhésion libre n'est pas l'instrument d'un tel engagement ; prévoyez "
                "une convention avec la structure porteuse.",
            )
            return


def _commits(flat: str, path: tuple[object, ...]) -> bool:
    """Whether a sentence commits the members financially: losses shared, or a sum paid
    by them (a member's commitment, or the members as the subject)."""
    if _COMMITMENT.search(flat):
        return True
    by_members = (bool(path) and path[0] == "engagements_membres") or _MEMBERS.search(flat)
    return bool(by_members and _PAYMENT.search(flat))
