"""PI-19, PI-23, RG-03, RG-06: the sharing clause agrees with the rest of the document
and with the RGPD (domaine.md §J.1 to J.3)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from convgen.regles.base import ALL_DOCUMENTS, CR, GC, Finding, Level, RuleContext, rule
from convgen.schema.charte_reseau import CharteReseau
from convgen.schema.commun import Nature
from convgen.schema.convention_gcsms import ConventionGcsms, Mission
from convgen.schema.document import SharedDocument
from convgen.schema.partage import CHILD_PROTECTION_BASES, DureeConservation, Flux
from convgen.wording.formatting import capitalized
from convgen.wording.libelles import label

# Missions through which the group itself works with identified persons.
PERSONAL_MISSIONS = frozenset(
    {
        Mission.INTERVENTIONS_COMMUNES,
        Mission.EXERCICE_DIRECT_MISSIONS_ESSMS,
        Mission.EXPLOITATION_AUTORISATION_MEMBRE,
    }
)
_VAGUE = re.compile(
    r"selon les regles|temps necessaire|conformement a la reglementation|propres a chaque"
)


# Twenty years: a hospital's medical record (CSP R1112-7, which keeps a minor's until
# their 28th birthday), beyond which a period is kept only when a text imposes it.
LONGEST_USUAL_YEARS = 20
# A period: « 5 ans », « 1 200 mois », « 1,5 an ».
_PERIOD = re.compile(
    r"(?<![\d,])(?<!\d[ \u00a0\u202f])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:,\d+)?)\s*"
    r"(ans?|annees?|mois|jours?)\b"
)
# An age, not a period: « jusqu'aux 28 ans de l'enfant », « à compter de ses 18 ans ».
_AGE = re.compile(r"(jusqu'(a|au|aux)|\bdes|\baux|\bses|\bleurs|\bage de|\batteigne)\s*$")
_CITED = re.compile(r"\b(article|art\.|code|loi|decret|arrete|referentiel)\b")
_PER_YEAR = {"an": 1, "ans": 1, "annee": 1, "annees": 1, "mois": 12, "jour": 365, "jours": 365}


def _years(retention: DureeConservation) -> float | None:
    """The retention in years, from its number and unit, or from the longest period its
    sentence gives (« 5 ans, puis 30 ans en archives »; ages left out); None if none."""
    if retention.duree is not None and retention.unite is not None:
        return retention.duree / _PER_YEAR[retention.unite.value]
    text = _plain(retention.texte or "")
    periods = [
        float(_NOT_DIGIT.sub("", found[1]).replace(",", ".")) / _PER_YEAR[found[2]]
        for found in _PERIOD.finditer(text)
        if not _AGE.search(text[max(0, found.start() - 20) : found.start()])
    ]
    return max(periods, default=None)


_NOT_DIGIT = re.compile(r"[^\d,]")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _flows(doc: SharedDocument) -> Iterator[tuple[tuple[str | int, ...], Flux]]:
    partage = doc.partage_information
    if partage is not None:
        for index, flux in enumerate(partage.flux):
            yield ("partage_information", "flux", index), flux


@rule(
    "PI-19",
    documents={CR, GC},
    level=Level.C,
    source="CSP L. 1110-4 II, R. 1110-1",
    title="Pas d'« absence d'échange » quand le groupement intervient auprès des personnes "
    "ou que le réseau tient un outil nominatif",
)
def sharing_matches_what_is_done(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    if doc.partage_information is not None and doc.partage_information.flux:
        return
    if isinstance(doc, ConventionGcsms):
        for index, mission in enumerate(doc.missions):
            if mission in PERSONAL_MISSIONS:
                yield Finding(
                    ("missions", index),
                    "La convention exclut tout échange d'informations alors que le groupement "
                    f"assure « {label(mission)} » : complétez la clause de partage "
                    "(partage_information) ou retirez cette mission.",
                )
                return
    elif isinstance(doc, CharteReseau) and doc.gouvernance is not None:
        for index, outil in enumerate(doc.gouvernance.outils_partages):
            if outil.donnees_personnelles:
                yield Finding(
                    ("gouvernance", "outils_partages", index),
                    "La charte exclut tout échange d'informations alors qu'elle organise "
                    f"« {outil.nom} », qui porte sur des personnes identifiées : complétez la "
                    "clause de partage (partage_information) ou indiquez que l'outil ne "
                    "contient aucune donnée nominative (donnees_personnelles: false).",
                )


@rule(
    "PI-23",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF L. 226-2-1, L. 226-2-2 ; RGPD art. 21",
    title="Protection de l'enfance : information préalable, jamais de droit d'opposition",
)
def no_objection_in_child_protection(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if flux.base_legale not in CHILD_PROTECTION_BASES:
            continue
        # Only an opposition the input states: the default (« oui », for the bases where
        # the person may object) is not printed for these flows (Flux.objection_applies).
        if flux.droit_opposition and "droit_opposition" in flux.model_fields_set:
            yield Finding(
                (*path, "droit_opposition"),
                f"Pour le flux « {flux.intitule} » (protection de l'enfance), la loi prévoit "
                "l'information préalable des parents, non un droit de s'y opposer : retirez "
                "la mention d'opposition (droit_opposition: false).",
            )
        if flux.consentement is not None:
            yield Finding(
                (*path, "consentement"),
                f"Pour le flux « {flux.intitule} » (protection de l'enfance), la loi prévoit "
                "l'information préalable des parents, non leur accord : ne présentez pas le "
                "consentement comme une condition (retirez consentement).",
            )


@rule(
    "RG-03",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="RGPD art. 37.1 a, 37.7",
    title="Organisme public partie à un partage : contact de son délégué à la protection "
    "des données",
)
def public_bodies_name_their_dpo(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    if partage is None or not partage.flux:
        return
    named = {d.partie for d in partage.rgpd.delegues} if partage.rgpd else set()
    # The parties that send or receive data: one that takes no part in the sharing is
    # no controller of it, and its officer has nothing to answer for here.
    sharing = {code for flux in partage.flux for code in (flux.emetteur, flux.destinataire)}
    for org in doc.organisations:
        if org.nature is Nature.PUBLIC and org.code in sharing and org.code not in named:
            yield Finding(
                ("partage_information", "rgpd", "delegues"),  # where the officer is added
                f"{capitalized(org.short_name)} est un organisme public : indiquez les "
                "coordonnées de son délégué à la protection des données "
                "(partage_information.rgpd.delegues).",
            )


@rule(
    "RG-06",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="RGPD art. 5.1 e, 13.2 a ; CNIL délib. n° 2021-028 ; CSP R1112-7",
    title="Durée de conservation bornée pour chaque flux, vingt ans au plus sans texte",
)
def bounded_retention(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        retention = flux.duree_conservation
        if retention is None:
            continue  # PI-15 asks for it
        years = _years(retention)
        cited = _CITED.search(_plain(f"{retention.point_depart or ''} {retention.texte or ''}"))
        if years is not None and years > LONGEST_USUAL_YEARS and not cited:
            at = ("duree",) if retention.duree is not None and retention.unite else ()
            yield Finding(
                (*path, "duree_conservation", *at),
                f"La durée de conservation du flux « {flux.intitule} » dépasse vingt ans, la "
                "durée de conservation du dossier médical (code de la santé publique, "
                "art. R. 1112-7) : gardez-la si un texte l'impose, en le citant dans la durée ; "
                "sinon, réduisez-la.",
            )
        if retention.structured:
            continue  # a number, a unit and a start are bounded
        value = retention.texte
        if value is None:
            yield Finding(
                (*path, "duree_conservation"),
                f"La durée de conservation du flux « {flux.intitule} » est incomplète : "
                "indiquez la durée, l'unité et le point de départ.",
            )
            continue
        plain = _plain(value)
        if _VAGUE.search(plain) or not re.search(r"\d|\ban\b|\bans\b|\bmois\b", plain):
            yield Finding(
                (*path, "duree_conservation"),
                f"La durée de conservation du flux « {flux.intitule} » doit être précise "
                f"(ex. « 5 ans après la fin de l'accompagnement »), non « {value} ».",
            )
