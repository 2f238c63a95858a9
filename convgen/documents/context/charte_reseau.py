"""Template context of the charte de réseau: article plan, principles, network views."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from convgen.chars import NBSP
from convgen.documents.articles import ArticleSpec, included_when
from convgen.documents.context.commun import (
    indicator_rows,
    litigation,
    name_or_gap,
    named,
    named_if_code,
    optional_name,
    reference_texts,
    sharing_visas,
    view,
)
from convgen.schema.charte_reseau import (
    CharteReseau,
    CodePrincipe,
    ComitePilotage,
    Principe,
    TypeReseau,
)
from convgen.schema.commun import FormeJuridique, Organisation, short_names
from convgen.schema.document import Document
from convgen.wording.accords import a_body, body, of, the_body
from convgen.wording.dates import end_of_term


def _when(test: Callable[[CharteReseau], bool]) -> Callable[[Document], bool]:
    """An article's inclusion test, read on this type's model."""
    return included_when(CharteReseau, test)


ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec("objet", "Objet et valeurs du réseau"),
    ArticleSpec("principes", "Principes du partenariat"),
    ArticleSpec("objectifs", "Objectifs", _when(lambda d: bool(d.objectifs)), "objectifs"),
    ArticleSpec(
        "champ", "Champ d’action et territoire", _when(lambda d: d.champ is not None), "champ"
    ),
    ArticleSpec("membres", "Membres du réseau"),
    ArticleSpec(
        "adhesion", "Adhésion, retrait et exclusion", other_titles=("Adhésion et retrait",)
    ),
    ArticleSpec(
        "gouvernance", "Gouvernance", _when(lambda d: d.gouvernance is not None), "gouvernance"
    ),
    ArticleSpec(
        "engagements",
        "Engagements des membres",
        _when(lambda d: bool(d.engagements_membres)),
        "engagements_membres",
    ),
    ArticleSpec(
        "usagers",
        "Place des personnes accompagnées",
        _when(lambda d: d.usagers is not None),
        "usagers",
    ),
    ArticleSpec("partage_information", "Partage d’informations et secret professionnel"),
    ArticleSpec(
        "financement",
        "Financement",
        _when(lambda d: d.financement is not None),
        "financement",
        other_titles=("Moyens mis à disposition",),
    ),
    ArticleSpec(
        "communication",
        "Communication avec les institutions extérieures",
        _when(lambda d: d.communication_externe is not None),
        "communication_externe",
    ),
    ArticleSpec(
        "evaluation", "Évaluation", _when(lambda d: d.evaluation is not None), "evaluation"
    ),
    ArticleSpec(
        "reseau_sante",
        "Dispositions propres au réseau de santé",
        _when(lambda d: d.type_reseau is TypeReseau.SANTE),
        "type_reseau",
    ),
    ArticleSpec("duree", "Prise d’effet et durée"),
    ArticleSpec("modification", "Modification de la charte"),
    ArticleSpec(
        "litiges", "Règlement des différends", _when(lambda d: d.litiges is not None), "litiges"
    ),
)

ANNEXES: tuple[ArticleSpec, ...] = (
    ArticleSpec("fiches_identite", "Fiches d’identité des membres"),
    ArticleSpec(
        "indicateurs",
        "Indicateurs de suivi et d’évaluation",
        _when(lambda d: bool(d.indicators())),
        "evaluation.indicateurs",
    ),
)

# domaine.md §C.1: wording of the guide FNARS « Accompagner en partenariat » (2016).
DEFAULT_PRINCIPLES: dict[CodePrincipe, tuple[str, str]] = {
    CodePrincipe.INTERET_MUTUEL: (
        "Intérêt mutuel",
        "chaque membre trouve dans le réseau un intérêt pour son action et pour les personnes "
        "qu’il accompagne ; le réseau repose sur ce que chacun apporte et reçoit.",
    ),
    CodePrincipe.EGALITE: (
        "Égalité",
        "les membres entretiennent des relations d’égal à égal, sans lien hiérarchique entre eux, "
        "quelle que soit leur taille ou leur statut.",
    ),
    CodePrincipe.AUTONOMIE: (
        "Autonomie",
        "chaque membre s’engage de son propre chef et reste libre de son action, dans le respect "
        "de ses missions et de son projet.",
    ),
    CodePrincipe.COOPERATION: (
        "Coopération",
        "les membres conduisent un projet partagé, fondé sur l’entraide et l’échange de "
        "pratiques et d’informations.",
    ),
    CodePrincipe.EVOLUTION: (
        "Évolution",
        "le partenariat s’inscrit dans un temps donné ; il fait l’objet d’une évaluation continue "
        "qui peut conduire à le faire évoluer ou à y mettre fin.",
    ),
}


def build(doc: CharteReseau, members: list[dict[str, Any]], draft: bool) -> dict[str, Any]:
    names = short_names(doc.membres)
    return {
        "charte": view(
            doc, draft, {"membres": members, "litiges": litigation(doc, doc.litiges, draft)}
        ),
        "principes": _principles(doc.principes, draft),
        "textes": _texts(doc),
        "gouvernance": _governance(doc, names, draft),
        "financement": None
        if doc.financement is None
        else view(
            doc.financement,
            draft,
            {"beneficiaire_nom": optional_name(names, doc.financement.cotisation_beneficiaire)},
            {"beneficiaire_nom": ("cotisation_beneficiaire",)},
        ),
        "duree": _term(doc, draft),
        "indicateurs": indicator_rows(doc, names, draft, "Fonctionnement du réseau"),
        "mention_signataires": _signing_mention(doc),
    }


def _signing_mention(doc: CharteReseau) -> str | None:
    """Who signs for the network when its steering committee does, printed above the
    signatures (after « Fait à … »)."""
    if not doc.signature.comite_pilotage:
        return None
    committee = doc.gouvernance.comite_pilotage if doc.gouvernance else None
    name = committee.nom if committee else "comité de pilotage"
    return f"Pour le réseau, les membres {of(the_body(name))}"


def _principles(given: list[Principe] | None, draft: bool) -> list[dict[str, Any]]:
    """The principles as printed: given wording first, defaults for what is left unsaid."""
    if given is None:
        return [
            {"libelle": title, "description": text} for title, text in DEFAULT_PRINCIPLES.values()
        ]
    printed: list[dict[str, Any]] = []
    for principe in given:
        title, text = DEFAULT_PRINCIPLES.get(principe.principe, ("", ""))
        printed.append(
            view(
                principe,
                draft,
                {
                    "libelle": principe.libelle or title or "Principe",
                    "description": principe.description or text,
                },
                {"libelle": ("principe", "libelle"), "description": ("principe", "description")},
            )
        )
    return printed


def _texts(doc: CharteReseau) -> list[str]:
    keys = []
    if doc.type_reseau is TypeReseau.SANTE:
        keys += ["csp_l6321_1", "csp_d6321_1_s", "decret_2002_1463"]
    if any(m.is_essms or _runs_essms(m) for m in doc.membres):
        keys += ["loi_2002_2", "casf_l312_7"]
    keys += sharing_visas(doc)
    return reference_texts(keys)


def _runs_essms(member: Organisation) -> bool:
    """A public social or medico-social establishment (an EHPAD, a public IME), a CCAS,
    a CIAS or a GCSMS known to FINESS: the texts on ESSMS frame the network as well. An
    association or a company may run a health centre as well as a SAAD: only its
    establishment's number says so (``is_essms``)."""
    if member.forme_juridique is FormeJuridique.ETABLISSEMENT_PUBLIC_SOCIAL_MEDICO_SOCIAL:
        return True
    return member.finess_ej is not None and member.forme_juridique in _ESSMS_MANAGERS


_ESSMS_MANAGERS = frozenset({FormeJuridique.CCAS, FormeJuridique.CIAS, FormeJuridique.GCSMS})


def _governance(doc: CharteReseau, names: dict[str, str], draft: bool) -> Any:
    gouvernance = doc.gouvernance
    if gouvernance is None:
        return None
    copil = gouvernance.comite_pilotage
    return view(
        gouvernance,
        draft,
        {
            "coordination_nom": optional_name(names, gouvernance.coordination),
            # A member's code written where a name is expected: the member's name.
            **named_if_code("secretariat", gouvernance.secretariat, names),
            "comite_pilotage": None if copil is None else _committee(copil, names, draft),
            "outils_partages": [
                view(
                    outil,
                    draft,
                    {
                        "gestionnaire_nom": name_or_gap(names, outil.gestionnaire),
                        "utilisateurs_noms": [name_or_gap(names, c) for c in outil.utilisateurs],
                        "designation": _tool(outil.nom),
                    },
                    {"designation": ("nom",)},
                )
                for outil in gouvernance.outils_partages
            ],
        },
    )


def _tool(name: str) -> str:
    """A shared tool as « tient … » names it: « l’annuaire des membres » as typed, with
    its article; a bare name in quotes after « l’outil » (« fiche de liaison », « Via
    Trajectoire »), whose article could not be told (« tient fiche de liaison »)."""
    if _ARTICLE.match(name):
        return name
    return f"l’outil «{NBSP}{name}{NBSP}»"


_ARTICLE = re.compile(r"(?:(?:le|la|les|un|une|des|son|sa|ses|leur|leurs)\s|l['’])", re.I)


def _committee(copil: ComitePilotage, names: dict[str, str], draft: bool) -> Any:
    """The steering committee, its name with its articles and its gender's agreements:
    « piloté par une cellule d’animation, composée… », « Elle se réunit… », « sur
    proposition de la cellule d’animation »."""
    feminine = body(copil.nom)[1]
    return view(
        copil,
        draft,
        {
            "composition": named(copil.composition, names, draft),
            "un_nom": a_body(copil.nom),
            "le_nom": the_body(copil.nom),
            "e": "e" if feminine else "",
            "pronom": "Elle" if feminine else "Il",
        },
        {"un_nom": ("nom",), "le_nom": ("nom",), "e": ("nom",), "pronom": ("nom",)},
    )


def _term(doc: CharteReseau, draft: bool) -> Any:
    duree = doc.duree
    if duree is None:
        return None
    end = end_of_term(duree.date_effet, duree.duree_mois) if duree.duree_mois else None
    return view(duree, draft, {"fin": end})
