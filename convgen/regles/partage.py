"""PI-*: information sharing under professional secrecy (domaine.md §D)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from convgen.errors import DataPath, Severity
from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, declared_rule, rule
from convgen.schema.commun import Nature
from convgen.schema.document import SharedDocument, actor_names
from convgen.schema.partage import (
    L1110_4_BASES,
    SECURE_CHANNELS,
    BaseLegale,
    Canal,
    CategorieProfessionnelle,
    Finalite,
    Flux,
    StructureCooperation,
)
from convgen.wording.formatting import capitalized, of
from convgen.wording.libelles import label as wording_label

L1110_4_PURPOSES = frozenset(
    {
        Finalite.COORDINATION,
        Finalite.CONTINUITE_SOINS,
        Finalite.PREVENTION,
        Finalite.SUIVI_MEDICO_SOCIAL_SOCIAL,
    }
)
# « toutes informations », « l'ensemble du dossier »...: sharing must be limited (R1110-1).
_UNLIMITED = re.compile(
    r"\b(tout(e|es|s)?|ensemble|integralite|totalite)\b.*\b(information|donnee|dossier|document|"
    r"element)s?\b|\bdossier (complet|entier)\b"
)


def _flows(doc: SharedDocument) -> Iterator[tuple[DataPath, Flux]]:
    if doc.partage_information is not None:
        for index, flux in enumerate(doc.partage_information.flux):
            yield ("partage_information", "flux", index), flux


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@rule(
    "PI-01",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP L1110-4 II ; R1110-1",
    title="Chaque flux : émetteur, destinataire, finalité, base légale, catégories",
)
def flow_complete(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        for key, label in (
            ("finalites", "sa finalité (au moins une)"),
            ("categories_informations", "les catégories d'informations échangées"),
        ):
            if not getattr(flux, key):
                yield Finding(
                    (*path, key),
                    f"Le flux d'informations « {flux.intitule} » est incomplet : indiquez {label}.",
                )


@rule(
    "PI-02",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP L1110-4 II, R1110-1 (« strictement nécessaires »)",
    title="Catégories d'informations limitées, jamais « toutes informations »",
)
def flow_limited(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        for index, categorie in enumerate(flux.categories_informations):
            if _UNLIMITED.search(_plain(categorie)):
                yield Finding(
                    (*path, "categories_informations", index),
                    "Les informations partagées doivent être limitées à des catégories "
                    f"strictement nécessaires (« {categorie} » est trop large).",
                )


@rule(
    "PI-03",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP L1110-4 II, R1110-2",
    title="Base L1110-4 : professionnels des catégories de l'article R1110-2",
)
def flow_professionals(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    names = actor_names(doc)
    for path, flux in _flows(doc):
        if flux.base_legale not in L1110_4_BASES:
            continue
        for side, code in (("emetteur", flux.emetteur), ("destinataire", flux.destinataire)):
            categories = getattr(flux, f"professionnels_{side}")
            if not categories or CategorieProfessionnelle.AUTRE in categories:
                yield Finding(
                    (*path, f"professionnels_{side}"),
                    f"Les professionnels {of(names.get(code, code))} doivent relever des "
                    "catégories autorisées à échanger (art. R. 1110-2 CSP) : précisez "
                    "lesquelles.",
                )


@rule(
    "PI-04",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP L1110-4 II",
    title="Base L1110-4 : finalité de coordination, continuité, prévention ou suivi",
)
def flow_purpose(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if flux.base_legale in L1110_4_BASES:
            for index, finalite in enumerate(flux.finalites):
                if finalite not in L1110_4_PURPOSES:
                    yield Finding(
                        (*path, "finalites", index),
                        f"La finalité « {wording_label(finalite)} » n'est pas admise pour un "
                        "échange fondé sur l'article L. 1110-4 CSP.",
                    )


@rule(
    "PI-05",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP L1110-4 III al. 2 ; décret n° 2016-1349",
    title="Partage hors équipe de soins : consentement préalable et sa modalité",
)
def flow_consent(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    needs_consent = {BaseLegale.HORS_EQUIPE_L1110_4, BaseLegale.CONSENTEMENT}
    for path, flux in _flows(doc):
        consent = flux.consentement
        if flux.base_legale not in needs_consent:
            continue
        if consent is None:
            yield Finding(
                (*path, "consentement"),
                "Le partage entre professionnels n'appartenant pas à la même équipe de "
                "soins exige le consentement préalable de la personne : indiquez "
                "comment il est recueilli.",
            )
        elif (
            _ORALLY.search(_plain(consent.modalite))
            and not _RECORDED.search(_plain(consent.modalite))
            and (consent.tracabilite is None or _NO_TRACE.fullmatch(_plain(consent.tracabilite)))
        ):
            # Collected « par tout moyen » (décret n° 2016-1349), but whoever shares must be
            # able to show it was given: practice, not the text.
            yield Finding(
                (*path, "consentement", "tracabilite"),
                "Un consentement recueilli oralement ne laisse pas de trace : indiquez où il "
                "est consigné (dossier de la personne, formulaire), pour pouvoir justifier "
                "qu'il a été donné avant le partage.",
                Severity.AVERTISSEMENT,
            )


# « oralement », « accord verbal », not a « procès-verbal »; « un accord oral ne suffit
# pas » is written consent (``_RECORDED``: « écrit »).
_ORALLY = re.compile(
    r"\boral(e|ement)?\b|(?<!proces-)(?<!proces )\bverbal(e|ement)?\b|\bde vive voix\b"
)
# « oralement, puis noté au dossier social »: the way says where it is kept.
_RECORDED = re.compile(
    r"\b(note|notee|consigne|consignee|inscrit|inscrite|enregistre|enregistree|saisi|saisie"
    r"|mentionne|mentionnee|acte|actee|ecrit|ecrite|signe|signee|signature|dossier"
    r"|formulaire|fiche|registre|logiciel|dpi|dui)\b"
)
# A traceability that says there is none: « aucune », « néant », « aucune trace écrite ».
_NO_TRACE = re.compile(
    r"\W*(aucune?|nulle?|neant|non|sans|pas de)(\s+(trace|tracabilite|ecrite?|enregistrement))*\W*"
)


@rule(
    "PI-06",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP L1110-12 ; décret 2016-996 ; CSP L6132-1",
    title="Équipe de soins : structure conforme à L1110-12",
)
def flow_care_team(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        structure = flux.structure_cooperation
        if flux.base_legale is BaseLegale.EQUIPE_SOINS_L1110_4 and (
            structure is None or structure is StructureCooperation.AUTRE
        ):
            yield Finding(
                (*path, "structure_cooperation"),
                "Les partenaires ne forment pas une équipe de soins au sens de "
                "l'article L. 1110-12 CSP : indiquez la structure qui les réunit.",
            )
        elif flux.base_legale is BaseLegale.EQUIPE_SOINS_L1110_4 and structure in _SAME_PLACE:
            yield from _two_establishments(doc, path, flux)
        elif flux.base_legale is BaseLegale.EQUIPE_SOINS_L1110_4 and (
            structure is StructureCooperation.GHT
        ):
            yield from _outside_the_ght(doc, path, flux)


def _outside_the_ght(doc: SharedDocument, path: DataPath, flux: Flux) -> Iterator[Finding]:
    """A flow whose sender or recipient is a private organisation, said to share within a
    groupement hospitalier de territoire: only public establishments are its parties. A
    public organisation is left alone: a commune, a département or a CCAS may run a
    public social or medico-social establishment, which may be a party."""
    organisations = {org.code: org for org in doc.organisations}
    for code in dict.fromkeys((flux.emetteur, flux.destinataire)):
        org = organisations.get(code)
        if org is None or org.nature is Nature.PUBLIC:
            continue
        yield Finding(
            (*path, "structure_cooperation"),
            f"{capitalized(org.short_name)} n'est pas un établissement public : un "
            "groupement hospitalier de territoire ne réunit que des établissements publics "
            f"(article L. 6132-1 CSP), et les professionnels {of(org.short_name)} n'y "
            "exercent pas au sens de l'article L. 1110-12 CSP. Sans autre structure de "
            "coopération qui les réunisse (décret n° 2016-996), le partage suppose le "
            "consentement préalable de la personne.",
        )


# « The same establishment »: one establishment (one FINESS number).
_SAME_PLACE = frozenset(
    {StructureCooperation.MEME_ESSMS, StructureCooperation.MEME_ETABLISSEMENT_SANTE}
)


def _two_establishments(doc: SharedDocument, path: DataPath, flux: Flux) -> Iterator[Finding]:
    """A flow declared « in the same establishment » between two organisations that each
    run an establishment of their own (their FINESS numbers differ). A partner without
    one (a professional in private practice, a company of doctors working in a clinic)
    may practise in the other's establishment: nothing says otherwise then."""
    organisations = {org.code: org for org in doc.organisations}
    sender, recipient = organisations.get(flux.emetteur), organisations.get(flux.destinataire)
    structure = flux.structure_cooperation
    if sender is None or recipient is None or structure is None:
        return
    one, other = sender.finess_et, recipient.finess_et
    if one and other and str(one) != str(other):
        yield Finding(
            (*path, "structure_cooperation"),
            f"{capitalized(sender.short_name)} et {recipient.short_name} relèvent de deux "
            f"établissements distincts (FINESS {one} et {other}) : leurs professionnels "
            f"n'exercent pas dans « {wording_label(structure)} » (article L. 1110-12 CSP). "
            "Sans structure de coopération qui les réunisse (décret n° 2016-996), le partage "
            "suppose le consentement préalable de la personne.",
        )


@rule(
    "PI-07",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CSP R1110-3",
    title="Information préalable de la personne",
)
def flow_prior_information(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    concerned = L1110_4_BASES | {BaseLegale.CONSENTEMENT}
    for path, flux in _flows(doc):
        if flux.base_legale in concerned and not flux.information_prealable:
            yield Finding(
                (*path, "information_prealable"),
                "Prévoyez l'information préalable de la personne sur les informations "
                "échangées et leur destinataire.",
            )


@rule(
    "PI-08",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="CSP L1110-4 IV",
    title="Droit d'opposition de la personne mentionné",
)
def flow_opposition(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if flux.objection_applies and not flux.droit_opposition:
            yield Finding(
                (*path, "droit_opposition"),
                "Mentionnez le droit de la personne de s'opposer à l'échange ou au partage.",
            )


@rule(
    "PI-09",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF L226-2-2",
    title="Protection de l'enfance : participants soumis au secret, finalité de protection",
)
def flow_child_protection(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if flux.base_legale is not BaseLegale.PROTECTION_ENFANCE_L226_2_2:
            continue
        if not (flux.emetteur_soumis_secret and flux.destinataire_soumis_secret):
            yield Finding(
                path,
                "Le partage en protection de l'enfance n'est possible qu'entre "
                "personnes soumises au secret qui y concourent.",
            )
        if any(f is not Finalite.PROTECTION_ENFANCE for f in flux.finalites):
            yield Finding(
                (*path, "finalites"),
                "Un partage fondé sur l'article L. 226-2-2 CASF n'a pour finalité que "
                "d'évaluer une situation et de déterminer et mettre en œuvre les "
                "actions de protection (finalité « protection_enfance »).",
            )


@rule(
    "PI-10",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF L226-2-2",
    title="Protection de l'enfance : information préalable des parents, du tuteur et de l'enfant",
)
def flow_parents_informed(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if (
            flux.base_legale is BaseLegale.PROTECTION_ENFANCE_L226_2_2
            and not flux.information_autorite_parentale
            and flux.motif_absence_information is None
        ):
            yield Finding(
                (*path, "information_autorite_parentale"),
                "Prévoyez l'information préalable des parents ou du tuteur et de "
                "l'enfant, sauf intérêt contraire de l'enfant (motif à indiquer).",
            )


@rule(
    "PI-11",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="CASF L121-6-2",
    title="Action sociale : professionnels intervenant auprès de la même personne ou famille",
)
def flow_social_action(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if (
            flux.base_legale is BaseLegale.ACTION_SOCIALE_L121_6_2
            and not flux.meme_personne_ou_famille
        ):
            yield Finding(
                (*path, "meme_personne_ou_famille"),
                "Le partage fondé sur l'article L. 121-6-2 CASF suppose que tous les "
                "professionnels interviennent auprès de la même personne ou famille.",
            )
        professions = {*flux.professionnels_emetteur, *flux.professionnels_destinataire}
        if (
            flux.base_legale is BaseLegale.ACTION_SOCIALE_L121_6_2
            and CategorieProfessionnelle.PROFESSIONNEL_SANTE in professions
        ):
            # L121-6-2 is a sharing between professionals of social action (L116-1).
            yield Finding(
                (*path, "base_legale"),
                "L'article L. 121-6-2 CASF permet le partage entre professionnels de l'action "
                "sociale ; des professionnels de santé y prennent part : fondez ce flux sur "
                "l'article L. 1110-4 du code de la santé publique, ou retirez-les du flux.",
                Severity.AVERTISSEMENT,
            )


@rule(
    "PI-12",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="C. pén. 226-13 ; CASF L226-2-2",
    title="Aucune information secrète vers un destinataire non soumis au secret",
)
def flow_secrecy(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    names = actor_names(doc)
    for path, flux in _flows(doc):
        # What a sender not bound by secrecy passes on is no professional secret of
        # theirs (the RGPD rules still apply to it).
        if flux.emetteur_soumis_secret and not flux.destinataire_soumis_secret:
            who = names.get(flux.destinataire, flux.destinataire)
            yield Finding(
                (*path, "destinataire_soumis_secret"),
                f"Le flux « {flux.intitule} » vers {who} est déclaré « destinataire non "
                "soumis au secret » : vérifiez cette qualification ou retirez les "
                "informations à caractère secret de ce flux.",
            )


@rule(
    "PI-15",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="RGPD art. 5.1.e",
    title="Durée de conservation de chaque flux",
)
def flow_retention(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if flux.duree_conservation is None:
            yield Finding(
                (*path, "duree_conservation"),
                "Indiquez la durée de conservation des données échangées.",
            )


@rule(
    "PI-16",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="référentiels ANS ; RGPD art. 32",
    title="Données de santé : canal sécurisé ; aucune information secrète par messagerie ordinaire",
)
def flow_channel(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if flux.donnees_sante and flux.canal not in SECURE_CHANNELS:
            yield Finding(
                (*path, "canal"),
                "Les données de santé doivent être échangées par un canal sécurisé "
                "(par exemple MSSanté).",
            )
        elif flux.canal is Canal.MESSAGERIE_ORDINAIRE:
            # Social information too: a message read by whoever reaches it.
            yield Finding(
                (*path, "canal"),
                f"Les informations sur les personnes du flux « {flux.intitule} » circulent par "
                "messagerie ordinaire, qui n'est pas chiffrée : choisissez une messagerie "
                "chiffrée ou un autre canal sécurisé.",
            )


@rule(
    "PI-17",
    documents=ALL_DOCUMENTS,
    level=Level.NC,
    source="CSP L1111-8",
    title="Données de santé hébergées par un tiers : hébergeur certifié HDS",
)
def flow_hosting(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, flux in _flows(doc):
        if flux.donnees_sante and flux.hebergement and not flux.hebergement.certifie_hds:
            yield Finding(
                (*path, "hebergement", "certifie_hds"),
                f"L'hébergeur des données de santé ({flux.hebergement.hebergeur}) doit être "
                "certifié HDS (code de la santé publique, art. L. 1111-8) : le document "
                "stipule qu'aucune donnée de santé ne lui est confiée avant sa certification.",
            )


declared_rule(
    "PI-13",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="C. pén. 226-13",
    title="Clause de confidentialité rappelant l'article 226-13 du code pénal (toujours imprimée)",
    enforcement="modele",
)
