"""Template context of the convention de partenariat: article plan and computed views."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from convgen.documents.articles import ArticleSpec, included_when
from convgen.documents.context.commun import (
    Placeholder,
    folded,
    indicator_rows,
    litigation,
    name_or_gap,
    named,
    optional_name,
    reference_texts,
    sharing_visas,
    view,
)
from convgen.regles.fond import Subsidy, subsidies_over_threshold
from convgen.schema.commun import (
    ASSOCIATIONS_AND_FOUNDATIONS,
    Frequence,
    Nature,
    short_names,
)
from convgen.schema.convention_partenariat import (
    ConventionPartenariat,
    Modalite,
    Partie,
    Reconduction,
    Versement,
)
from convgen.schema.document import Document
from convgen.wording.dates import end_of_term, initial_end, next_instalments, term_months
from convgen.wording.formatting import RHYTHMS, join_list, notice


def _when(test: Callable[[ConventionPartenariat], bool]) -> Callable[[Document], bool]:
    """An article's inclusion test, read on this type's model."""
    return included_when(ConventionPartenariat, test)


ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec("objet", "Objet"),
    ArticleSpec("objectifs", "Objectifs", _when(lambda d: bool(d.objectifs)), "objectifs"),
    ArticleSpec(
        "engagements",
        "Engagements réciproques des Parties",
        _when(lambda d: any(p.engagements or p.attentes for p in d.parties)),
        "parties[].engagements",
    ),
    ArticleSpec(
        "modalites", "Modalités de mise en œuvre", _when(lambda d: bool(d.modalites)), "modalites"
    ),
    ArticleSpec(
        "referents",
        "Référents",
        _when(lambda d: any(p.referent for p in d.parties)),
        "parties[].referent",
    ),
    ArticleSpec("partage_information", "Partage d’informations et secret professionnel"),
    ArticleSpec(
        "instance_suivi",
        "Instance de suivi",
        _when(lambda d: d.instance_suivi is not None),
        "instance_suivi",
    ),
    ArticleSpec(
        "evaluation", "Évaluation", _when(lambda d: d.evaluation is not None), "evaluation"
    ),
    ArticleSpec("dispositions_financieres", "Dispositions financières"),
    ArticleSpec("responsabilite", "Responsabilité et assurances"),
    ArticleSpec(
        "communication",
        "Communication",
        _when(lambda d: d.communication is not None),
        "communication",
    ),
    ArticleSpec("duree", "Durée et renouvellement"),
    ArticleSpec("modification", "Modification"),
    ArticleSpec("resiliation", "Résiliation"),
    ArticleSpec("litiges", "Règlement des litiges"),
    ArticleSpec("annexes", "Annexes"),
)

ANNEXES: tuple[ArticleSpec, ...] = (
    ArticleSpec("fiches_identite", "Fiches d’identité des Parties"),
    ArticleSpec(
        "indicateurs",
        "Indicateurs de suivi et d’évaluation",
        _when(lambda d: bool(d.indicators())),
        "objectifs[].indicateurs",
    ),
)


def build(doc: ConventionPartenariat, parties: list[dict[str, Any]], draft: bool) -> dict[str, Any]:
    """Context entries specific to the convention (the shared ones come from context/)."""
    names = short_names(doc.parties)
    subsidies = subsidies_over_threshold(doc)  # read by the visas and the financial article
    commitments = republican_commitments(doc, subsidies)
    return {
        "convention": view(
            doc,
            draft,
            {
                "parties": parties,
                "modalites": _activities(doc, names, draft),
                "litiges": litigation(doc, doc.litiges, draft),
            },
        ),
        "visas": _visas(doc, bool(subsidies), bool(commitments)),
        "duree": _term(doc, draft),
        # A notice in months or in days, as agreed (« trois mois » is not « 90 jours »).
        "delais": {
            "resiliation": notice(doc.resiliation.preavis_jours, doc.resiliation.preavis_mois),
            "non_reconduction": notice(
                doc.duree.preavis_non_reconduction_jours, doc.duree.preavis_non_reconduction_mois
            ),
        },
        "instance": _instance(doc, names, draft),
        "finances": _finances(doc, names, draft, commitments),
        "indicateurs": indicator_rows(doc, names, draft, "Fonctionnement du partenariat"),
    }


def _visas(doc: ConventionPartenariat, subsidised: bool, committed: bool) -> list[str]:
    """The visas convgen adds, then the user's; ``subsidised``: a subsidy beyond the
    threshold of decree 2001-495, ``committed``: one to an association or a foundation
    (see republican_commitments)."""
    keys = []
    if any(p.is_essms for p in doc.parties):
        keys += ["loi_2002_2", "casf_l312_1", "casf_l312_7", "casf_l311_3"]
    keys += sharing_visas(doc)
    if committed:  # article 10-1 as well
        keys += ["loi_2000_321_art_10_et_10_1", "decret_2001_495", "decret_2021_1947"]
    elif subsidised:  # the subsidy convention article 10 requires
        keys += ["loi_2000_321_art_10", "decret_2001_495"]
    visas = reference_texts(keys)
    for text in doc.visas:
        _add_visa(visas, _visa(text))
    return visas


def _add_visa(visas: list[str], visa: str) -> None:
    """Add a visa the user typed, unless a text is then visé twice: a visa that says
    nothing the ones before it do not (« Loi n°2002-2 du 2 janvier 2002 » beside the
    law convgen adds, or the same text typed twice) is left out; one that says all an
    earlier one does, and more (its title, « notamment son article 15 »), takes its
    place. Only visas that cite an act's or an article's number are compared so: « le
    code pénal » beside « l'article 226-13 du code pénal », or « la loi du 2 janvier
    2002 », are printed as typed."""
    kind, words = _content_words(visa)
    numbered = _cites_number(words)
    wider: list[int] = []
    for index, earlier in enumerate(visas):
        earlier_kind, known = _content_words(earlier)
        if words == known:
            return
        if not numbered or kind != earlier_kind:  # an arrêté citing L. 312-1 is not L. 312-1
            continue
        if words <= known:
            return
        if known <= words and _cites_number(known):
            wider.append(index)
    if not wider:
        visas.append(visa)
        return
    visas[wider[0]] = visa
    for index in reversed(wider[1:]):
        del visas[index]


@lru_cache(maxsize=1024)  # the visas convgen adds are the same in every document
def _content_words(visa: str) -> tuple[str, frozenset[str]]:
    """The words that tell two visas apart: without case, accents, articles and
    prepositions, abbreviations spelled out (« CASF », « art. »), an article's number
    with its letter however typed (« L312-7 » as « L. 312-7 »); and the kind of text it
    cites first (« loi », « article », « décret »…)."""
    plain = "".join(
        char
        for char in unicodedata.normalize("NFKD", folded(visa))
        if not unicodedata.combining(char)
    )
    plain = _ARTICLE_NUMBER.sub(r"\1\2", plain.translate(_DASHES))
    ordered = [
        spelled
        for word in _WORD.findall(plain)
        for spelled in _SPELLED_OUT.get(word, (word,))
        if spelled not in _FILLERS
    ]
    return (ordered[0] if ordered else ""), frozenset(ordered)


def _cites_number(words: frozenset[str]) -> bool:
    """Whether a visa cites a number such as « 2002-2 », « 312-7 » or « 2016/679 »."""
    return any(_NUMBER.fullmatch(word) for word in words)


# An article's letter stays with its number (« L. 312-7 », « L312-7 »: l312-7), so that
# L. 312-7 is not R. 312-7.
_NUMBER = re.compile(r"[lrd]?\d\w*[-/]\w+(?:[-/]\w+)*")
_WORD = re.compile(r"\w+(?:[-/]\w+)*")
_DASHES = str.maketrans({"\u2011": "-", "\u2010": "-", "\u2013": "-", "\u2012": "-"})
_ARTICLE_NUMBER = re.compile(r"\b([lrd])\.?\s*(\d)")
_FILLERS = frozenset(
    {"la", "le", "les", "l", "du", "de", "des", "d", "n", "no", "numero", "et", "a", "au"}
    | {"aux", "en", "son", "sa", "ses", "leur", "leurs"}
)
_SPELLED_OUT = {
    "casf": ("code", "action", "sociale", "familles"),
    "csp": ("code", "sante", "publique"),
    "cgct": ("code", "general", "collectivites", "territoriales"),
    "rgpd": ("reglement", "general", "protection", "donnees"),
    "art": ("article",),
    "articles": ("article",),
}


_TYPED_VU = re.compile(r"^vu\s+", re.IGNORECASE)


def _visa(text: str) -> str:
    """A visa as the template prints it (« Vu {{ visa }} ; »): without the « Vu » and the
    closing punctuation the user may have typed (« ; », « , », a stop, but not the stop
    of an abbreviation: « et s. »), which would print « . ; » or « , ; »."""
    text = _TYPED_VU.sub("", text).rstrip(" ;,:\u00a0\u202f") or text
    last = _LAST_WORD.search(text)
    if not text.endswith(".") or (last and last[1].lower() in _ABBREVIATIONS):
        return text
    return text[:-1].rstrip() or text


_LAST_WORD = re.compile(r"(\w+)\.$")
# Abbreviations a visa may end with, whose stop stays: « et s. », « art. », « etc. »
_ABBREVIATIONS = frozenset(
    {"s", "ss", "suiv", "seq", "sq", "etc", "art", "al", "cf", "ibid", "spéc", "not", "préc"}
)


def _term(doc: ConventionPartenariat, draft: bool) -> dict[str, Any]:
    months = term_months(doc)
    end = doc.duree.date_fin or (
        end_of_term(doc.duree.date_effet, months) if months is not None else None
    )
    result = view(doc.duree, draft, {"fin": end, "indeterminee": months is None})
    renewal = doc.duree.duree_reconduction_mois
    if draft and renewal is None and doc.duree.reconduction is Reconduction.TACITE:
        # Tacit renewal prints its length (DT-07 asks for it); an express one without
        # it leaves it to the amendment, a wording of its own.
        result["duree_reconduction_mois"] = Placeholder.for_label("durée de chaque reconduction")
    return result


def _instance(doc: ConventionPartenariat, names: dict[str, str], draft: bool) -> Any:
    instance = doc.instance_suivi
    if instance is None:
        return None
    return view(
        instance,
        draft,
        {
            "composition": named(instance.composition, names, draft),
            "convocation_nom": optional_name(names, instance.convocation),
            "compte_rendu_nom": optional_name(names, instance.compte_rendu),
        },
    )


def _activities(doc: ConventionPartenariat, names: dict[str, str], draft: bool) -> list[Any]:
    """Each way of working, with one sentence on who takes part and how often."""
    return [
        view(
            modalite,
            draft,
            {"cadre": _activity_frame(modalite, names)},
            {"cadre": ("parties", "frequence", "nominative")},
        )
        for modalite in doc.modalites
    ]


def _activity_frame(modalite: Modalite, names: dict[str, str]) -> str | None:
    """« Y participent le Relais et le CSAPA, une fois par semaine. »"""
    codes = list(dict.fromkeys(modalite.parties))
    who = join_list(name_or_gap(names, code) for code in codes)
    verb = "participent" if len(codes) > 1 else "participe"
    rhythm = None
    if modalite.frequence is not None:
        rhythm = (
            "en tant que de besoin"
            if modalite.frequence is Frequence.AD_HOC
            else RHYTHMS[modalite.frequence]
        )
    sentences = []
    if who and rhythm:
        sentences.append(f"Y {verb} {who}, {rhythm}.")
    elif who:
        sentences.append(f"Y {verb} {who}.")
    elif rhythm:
        sentences.append(f"Cette activité a lieu {rhythm}.")
    if modalite.nominative is False:
        sentences.append(
            "Les situations y sont présentées sans élément permettant d’identifier les personnes."
        )
    return " ".join(sentences) or None


def _finances(
    doc: ConventionPartenariat,
    names: dict[str, str],
    draft: bool,
    commitments: dict[str, list[str]],
) -> dict[str, Any]:
    finances = doc.dispositions_financieres
    versements = finances.versements if finances else []
    funders = {f.code: f for f in finances.financeurs} if finances else {}
    payers = doc.payer_names()
    parties = {p.code: p for p in doc.parties}
    return {
        "gratuit": not versements,
        "versements": [
            view(
                v,
                draft,
                {
                    "payeur_nom": name_or_gap(payers, v.payeur),
                    "beneficiaire_nom": name_or_gap(names, v.beneficiaire),
                    # A funder who does not sign: the funding is recorded, not promised.
                    "payeur_tiers": v.payeur in funders,
                    "acte": funders[v.payeur].acte if v.payeur in funders else None,
                    "sous_reserve_credits": _subject_to_budget(doc, parties.get(v.payeur), v),
                    "echeances_suivantes": _next_instalments(v),
                },
                {
                    "payeur_tiers": ("payeur",),
                    "acte": ("payeur",),
                    "sous_reserve_credits": ("payeur", "periodicite", "echeancier"),
                    "echeances_suivantes": ("periodicite", "premiere_echeance"),
                },
            )
            for v in versements
        ],
        "valorisation": finances.valorisation if finances else None,
        "engagements_republicains": [
            {
                "beneficiaire_nom": name_or_gap(names, beneficiary),
                "payeurs_noms": join_list((name_or_gap(payers, p) for p in granted), "ou"),
                "plusieurs": len(granted) > 1,
            }
            for beneficiary, granted in commitments.items()
        ],
    }


def republican_commitments(
    doc: ConventionPartenariat, subsidies: list[Subsidy]
) -> dict[str, list[str]]:
    """The payers of each association or foundation that a public party grants a subsidy
    beyond the threshold of decree 2001-495, by beneficiary: the beneficiary is bound by
    the republican commitment contract of article 10-1 of loi n° 2000-321 (subscribed, or
    deemed subscribed by a body recognised of public utility or approved), which the
    convention recalls with its sanction (the subsidy withdrawn after the beneficiary was
    heard, the sums paid back within six months). Below the threshold, a payment may be
    the price of a service rather than a subsidy: nothing is said of it. ``subsidies``
    are the document's (regles.fond.subsidies_over_threshold)."""
    forms = {party.code: party.forme_juridique for party in doc.parties}
    found: dict[str, list[str]] = {}
    for payer, beneficiary, *_ in subsidies:
        if forms.get(beneficiary) in ASSOCIATIONS_AND_FOUNDATIONS:
            found.setdefault(beneficiary, []).append(payer)
    return found


def _next_instalments(versement: Versement) -> str | None:
    """When a recurring amount's instalments after its first one fall (None: no first
    instalment, or not a recurring amount)."""
    first, months = versement.premiere_echeance, versement.months_per_period
    return None if first is None or months is None else next_instalments(first, months)


def _subject_to_budget(
    doc: ConventionPartenariat, payer: Partie | None, versement: Versement
) -> bool:
    """Whether a public party's payment falls, or may fall, in a financial year after
    the one it commits in: the year of the signature, while it is not given (a draft)
    that of its deliberation, else of the convention's start. The
    payer then commits credits its deliberative body has not voted yet, and the
    convention says it pays « sous réserve de l'inscription des crédits correspondants
    à son budget » (budgets are voted year by year: CGCT art. L. 1612-1 and following;
    public establishments' budgets likewise). An instalment dated in a later year; a
    recurring payment whatever its instalments say, as long as the convention may run
    (renewed, tacitly or not, or open-ended: beyond any year; its instalments cover
    only the initial term); a single payment without instalments when the convention
    takes effect."""
    if payer is None or payer.nature is not Nature.PUBLIC:
        return False  # a private party, or a funder who does not sign
    duree = doc.duree
    deliberation = payer.habilitation.date if payer.habilitation else None
    year = (doc.signature.concluded_on or deliberation or duree.date_effet).year
    if any(echeance.date.year > year for echeance in versement.echeancier):
        return True
    if versement.periodicite is None:
        return not versement.echeancier and duree.date_effet.year > year
    end = initial_end(doc)
    if end is None or duree.reconduction is not Reconduction.AUCUNE:
        return True
    return end.year > year
