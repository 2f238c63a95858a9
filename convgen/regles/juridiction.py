"""JU-*: the competent court is not chosen; the input's court is only compared with the
public or private nature of the parties (domaine.md §J.5). Replaces CP-13."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, noun, rule
from convgen.schema.commun import (
    Juridiction,
    Litiges,
    Nature,
    Organisation,
    QualificationContrat,
)
from convgen.schema.document import SharedDocument
from convgen.wording.libelles import label

_NATURES = {
    frozenset({True}): ("publiques", Juridiction.TRIBUNAL_ADMINISTRATIF),
    frozenset({False}): ("privées", Juridiction.TRIBUNAL_JUDICIAIRE),
}

# Mixed parties: the court follows the contract's nature once it is stated and reasoned.
_QUALIFIED = {
    QualificationContrat.ADMINISTRATIF: Juridiction.TRIBUNAL_ADMINISTRATIF,
    QualificationContrat.PRIVE: Juridiction.TRIBUNAL_JUDICIAIRE,
}


def deduced_court(organisations: Iterable[Organisation], litiges: Litiges) -> Juridiction | None:
    """The order of courts that follows from the parties' nature (all public:
    administrative; all private: judicial) or, between public and private parties, from
    the contract's nature once stated and reasoned; None while it is to be determined."""
    publics = frozenset(o.nature is Nature.PUBLIC for o in organisations)
    if publics in _NATURES:
        return _NATURES[publics][1]
    qualification = litiges.qualification_contrat
    if qualification is not None and litiges.motif_qualification:
        return _QUALIFIED.get(qualification)
    return None


def _litiges(doc: SharedDocument) -> Litiges | None:
    litiges: Litiges | None = getattr(doc, "litiges", None)
    return litiges


@rule(
    "JU-01",
    documents=ALL_DOCUMENTS,
    level=Level.C_P,
    source="C. civ. 2060 ; CPC 48 ; séparation des ordres de juridiction",
    title="Règlement amiable avec délai, puis la juridiction compétente, sans choix motivé",
)
def no_chosen_court(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    litiges = _litiges(doc)
    if litiges is None:
        return
    if litiges.motif_juridiction is not None:
        yield Finding(
            ("litiges", "motif_juridiction"),
            "La juridiction compétente ne se choisit pas : le motif saisi n'est plus imprimé ; "
            "retirez motif_juridiction (la clause renvoie à « la juridiction compétente »).",
        )
    if litiges.reglement_amiable and litiges.delai_amiable_jours is None:
        yield Finding(
            ("litiges", "delai_amiable_jours"),
            "Chiffrez le délai du règlement amiable (delai_amiable_jours) : il fixe le moment "
            "où une Partie peut saisir la juridiction compétente.",
        )


@rule(
    "JU-02",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="TC 1983 UAP ; CE 1956 Époux Bertin ; TC 2014 Axa France IARD",
    title="Juridiction indiquée cohérente avec la nature des parties (indication)",
)
def court_matches_parties(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    litiges = _litiges(doc)
    if litiges is None or not doc.organisations:  # no party yet: nothing to compare with
        return
    deduced = deduced_court(doc.organisations, litiges)
    if deduced is litiges.juridiction:
        return
    path = ("litiges", "juridiction")
    indicated = label(litiges.juridiction)
    publics = frozenset(o.nature is Nature.PUBLIC for o in doc.organisations)
    qualification = litiges.qualification_contrat
    if publics in _NATURES:  # the parties' nature decides
        natures, court = _NATURES[publics]
        yield Finding(
            path,
            f"Les parties sont {natures} : la juridiction indiquée ({indicated}) "
            f"n'est pas celle qui se déduit de leur nature ({label(court)}), et le document "
            "renvoie à « la juridiction compétente » sans la nommer ; corrigez la juridiction "
            "ou faites vérifier la nature du contrat.",
        )
    elif deduced is not None and qualification is not None:  # mixed: stated and reasoned
        yield Finding(
            path,
            "Les parties sont publiques et privées et le contrat est qualifié de "
            f"{label(qualification)} : la juridiction indiquée ({indicated}) "
            f"n'est pas celle qui s'en déduit ({label(deduced)}), et le document renvoie à « la "
            "juridiction compétente » sans la nommer ; corrigez la juridiction ou la "
            "qualification.",
        )
    else:
        yield Finding(
            path,
            f"Les parties sont publiques et privées : la juridiction indiquée ({indicated}) "
            "dépend de la nature du contrat, et le document renvoie à « la juridiction "
            "compétente » sans la nommer ; faites vérifier la nature du contrat et "
            f"{_missing_qualification(litiges)}.",
        )


def _missing_qualification(litiges: Litiges) -> str:
    """What the input still lacks for mixed parties' court to follow from the contract."""
    qualification = litiges.qualification_contrat
    if qualification is None or qualification is QualificationContrat.A_DETERMINER:
        if litiges.motif_qualification:
            return "indiquez-la (qualification_contrat)"
        return "indiquez-la (qualification_contrat), avec son motif (motif_qualification)"
    return "motivez sa qualification (motif_qualification)"


@rule(
    "JU-03",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="CJA R. 312-1, R. 312-11 ; CPC 42, 46, 48",
    title="Siège du tribunal administratif : lieu d'exécution ; aucun tribunal judiciaire nommé",
)
def court_seat(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    """The template never names a judicial court (a clause naming one between private
    persons who are not traders is deemed unwritten); an administrative court is the one of
    the place of execution, which the input must give."""
    litiges = _litiges(doc)
    if litiges is None or litiges.juridiction is not Juridiction.TRIBUNAL_ADMINISTRATIF:
        return
    if litiges.ressort is None and litiges.lieu_execution is None:
        yield Finding(
            ("litiges", "lieu_execution"),
            f"Indiquez le lieu d'exécution de la {noun(doc)} (lieu_execution) ou la ville du "
            "tribunal administratif (ressort) : le tribunal compétent est celui du lieu "
            "d'exécution.",
        )
