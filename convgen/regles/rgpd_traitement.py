"""RG-01, RG-02, RG-04, RG-05, RG-07, RG-08, RG-09: what the RGPD asks of a sharing clause
— bases (and those a public body cannot use), roles of everyone who processes the data,
information of the persons, breaches, impact assessment, the right to object (domaine.md
§J.3)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from convgen.errors import DataPath, Severity
from convgen.regles.base import ALL_DOCUMENTS, Finding, Level, RuleContext, rule
from convgen.regles.gcsms import expected_nature
from convgen.regles.rgpd import PERSONAL_MISSIONS
from convgen.schema.commun import Nature
from convgen.schema.convention_gcsms import ConventionGcsms, NatureJuridique
from convgen.schema.document import SharedDocument, actor_names
from convgen.schema.partage import (
    CHILD_PROTECTION_BASES,
    GROUP,
    OPPOSABLE_BASES,
    BaseArt6,
    Canal,
    Flux,
    PartageInformation,
    RoleRgpd,
    RoleTraitement,
)
from convgen.wording.accords import verb
from convgen.wording.formatting import capitalized, join_list
from convgen.wording.libelles import label

RGPD: DataPath = ("partage_information", "rgpd")
# Controllers must be able to notify the CNIL within 72 hours (RGPD art. 33.1).
CNIL_HOURS = 72
# Good practice between the parties (domaine.md §J.3): 24 to 48 hours.
PARTIES_HOURS = 48


def _sharing(doc: SharedDocument) -> PartageInformation | None:
    partage = doc.partage_information
    return partage if partage is not None and partage.flux else None


def _processors(doc: SharedDocument, partage: PartageInformation) -> dict[str, str]:
    """Everyone who processes the persons' data for the partnership -> what they do."""
    found: dict[str, str] = {}
    for flux in partage.flux:
        for code in (flux.emetteur, flux.destinataire):
            found.setdefault(code, flux.intitule)
    for tiers in partage.intervenants_tiers:
        found.setdefault(tiers.code, label(tiers.nature))
    if isinstance(doc, ConventionGcsms):
        for mission in doc.missions:
            if mission in PERSONAL_MISSIONS:
                found.setdefault(GROUP, label(mission))
    return found


@rule(
    "RG-01",
    documents=ALL_DOCUMENTS,
    level=Level.C_P,
    source="RGPD art. 6, 9.1, 9.2",
    title="Base de l'article 6 pour chaque flux ; exception de l'article 9.2 pour les "
    "données de santé",
)
def flow_gdpr_bases(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    for index, flux in enumerate(partage.flux if partage else []):
        path = ("partage_information", "flux", index)
        if flux.donnees_sante and flux.exception_art9 is None:
            yield Finding(
                (*path, "exception_art9"),
                f"Le flux « {flux.intitule} » porte sur des données de santé, dont le "
                "traitement est interdit sauf exception : indiquez l'exception de l'article "
                "9.2 du RGPD retenue (exception_art9, le plus souvent « h » : prise en charge "
                "sanitaire ou sociale par des professionnels tenus au secret).",
                Severity.ERREUR,
            )
        said = None if flux.donnees_sante else _health_words(flux.categories_informations)
        if flux.exception_art9 is not None and not flux.donnees_sante and not said:
            # The document prints the exception only beside health data (it would say the
            # flow carries some): an exception without them is left out, and said so.
            yield Finding(
                (*path, "exception_art9"),
                f"Le flux « {flux.intitule} » ne déclare pas de données de santé : l'exception "
                "de l'article 9.2 du RGPD, qui n'a d'objet que pour elles, n'est pas imprimée. "
                "Indiquez que le flux en contient (donnees_sante) ou retirez l'exception.",
                Severity.AVERTISSEMENT,
            )
        if said:
            yield Finding(
                (*path, "donnees_sante"),
                f"Les informations du flux « {flux.intitule} » semblent porter sur la santé "
                f"(« {said} ») : si c'est le cas, indiquez-le (donnees_sante: true) avec "
                "l'exception de l'article 9.2 du RGPD retenue.",
            )
        if flux.base_art6 is BaseArt6.C and flux.base_legale in OPPOSABLE_BASES:
            yield Finding(
                (*path, "base_art6"),
                f"Le flux « {flux.intitule} » est un échange que la loi permet sans l'imposer "
                "(ou qui repose sur le consentement) : la base « obligation légale » (6.1 c) "
                "ne lui convient pas ; retenez le plus souvent « e », mission d'intérêt public.",
            )
        if flux.base_art6 is None:
            yield Finding(
                (*path, "base_art6"),
                f"Indiquez la base juridique RGPD du flux « {flux.intitule} » (article 6 : "
                "base_art6, le plus souvent « c », obligation légale, ou « e », mission "
                "d'intérêt public).",
            )


# Words that say an information concerns health (RGPD art. 4.15: physical or mental
# health, care, disability), in the categories of information a flow lists.
_HEALTH = re.compile(
    r"\b(santé|soins?|médica\w*|diagnostics?|psychi\w+|psychologique\w*|addict\w*|"
    r"handicap\w*|patholog\w*|maladies?|hospitalis\w*|traitements? médica\w+|"
    r"ordonnances? médicale\w*|dépendances?)\b",
    re.IGNORECASE,
)


# Rights, not health: « droits à l'assurance maladie », « complémentaire santé »…
_COVER = re.compile(
    r"assurance maladie|complémentaire santé|couverture (médicale|maladie)|aide médicale",
    re.IGNORECASE,
)


def _health_words(categories: Sequence[str]) -> str | None:
    """The first category of information that speaks of health, if any."""
    return next((text for text in categories if _HEALTH.search(_COVER.sub("", text))), None)


@rule(
    "RG-02",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="RGPD art. 26, 28.3",
    title="Un rôle RGPD pour chaque acteur du partage, groupement et tiers compris ; "
    "accord art. 26 ou contrat art. 28",
)
def gdpr_roles(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = _sharing(doc)
    if partage is None:
        return
    names = {code: capitalized(name) for code, name in actor_names(doc).items()}
    rgpd = partage.rgpd
    declared: dict[str, RoleRgpd] = {}
    for index, role in enumerate(rgpd.roles if rgpd else []):
        yield from _role_consistent(role, (*RGPD, "roles", index), names, declared)
    where = (*RGPD, "roles") if rgpd else ("partage_information",)
    for code, activity in _processors(doc, partage).items():
        if code not in declared:
            yield Finding(
                where,
                f"{names.get(code, code)} {verb(names.get(code, code), 'traite', 'traitent')} "
                f"des données des personnes (« {activity} ») "
                "sans rôle RGPD déclaré : indiquez si cette partie est responsable du traitement, "
                "responsable conjoint (accord de l'article 26) ou sous-traitant (contrat de "
                "l'article 28) "
                "(partage_information.rgpd.roles).",
            )
    joint = [code for code, role in declared.items() if role is RoleRgpd.RESPONSABLE_CONJOINT]
    if rgpd and len(joint) == 1:
        index = next(i for i, r in enumerate(rgpd.roles) if r.role is RoleRgpd.RESPONSABLE_CONJOINT)
        yield Finding(
            (*RGPD, "roles", index, "role"),
            f"{names.get(joint[0], joint[0])} est le seul responsable conjoint déclaré : on "
            "n'est responsable conjoint qu'avec un autre, qui détermine avec lui les finalités "
            "et les moyens du traitement (article 26 du RGPD) ; déclarez l'autre, ou faites "
            "de celui-ci le responsable du traitement.",
        )
    if rgpd and len(joint) >= 2 and not rgpd.accord_responsables_conjoints:
        yield Finding(
            (*RGPD, "accord_responsables_conjoints"),
            "Des responsables conjoints du traitement doivent conclure l'accord prévu "
            "à l'article 26 du RGPD (accord_responsables_conjoints: true).",
        )
    if rgpd and RoleRgpd.SOUS_TRAITANT in declared.values() and not rgpd.contrat_sous_traitance:
        yield Finding(
            (*RGPD, "contrat_sous_traitance"),
            "Un sous-traitant doit être lié par le contrat prévu à l'article 28 du RGPD "
            "(contrat_sous_traitance: true).",
        )


def _role_consistent(
    role: RoleTraitement, where: DataPath, names: dict[str, str], declared: dict[str, RoleRgpd]
) -> Iterator[Finding]:
    """One declared role: a single role per actor, « pour le compte de » for a processor
    only. ``declared`` collects the roles seen so far."""
    name = names.get(role.partie, role.partie)
    earlier = declared.setdefault(role.partie, role.role)
    if earlier is not role.role:
        yield Finding(
            (*where, "role"),
            f"{name} a deux rôles déclarés ({label(earlier)} et {label(role.role)}) : un "
            "même acteur n'a qu'un rôle pour les données du partenariat (il ne peut être à la "
            "fois sous-traitant et responsable) ; gardez-en un seul.",
        )
    if role.role is RoleRgpd.SOUS_TRAITANT and role.pour_le_compte_de is None:
        yield Finding(
            (*where, "pour_le_compte_de"),
            f"{name} est sous-traitant : indiquez pour le compte de quelle partie il "
            "traite les données (pour_le_compte_de).",
        )
    elif role.pour_le_compte_de is not None and role.role is not RoleRgpd.SOUS_TRAITANT:
        yield Finding(
            (*where, "pour_le_compte_de"),
            f"{name} agit « pour le compte » d'une autre partie : c'est la définition "
            "du sous-traitant (role: sous_traitant), non du responsable.",
        )
    elif role.pour_le_compte_de == role.partie:
        yield Finding(
            (*where, "pour_le_compte_de"),
            f"{name} ne peut être sous-traitant pour son propre compte.",
        )


@rule(
    "RG-04",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="RGPD art. 13, 14, 26.2, 77",
    title="Information des personnes : qui, par quel support, à quel moment",
)
def persons_informed(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = _sharing(doc)
    if partage is None or (partage.rgpd is not None and partage.rgpd.information is not None):
        return
    yield Finding(
        RGPD if partage.rgpd else ("partage_information",),
        "Précisez qui informe les personnes, par quel support et à quel moment "
        "(partage_information.rgpd.information : par, support, moment) ; la clause rappelle "
        "leurs droits et leur droit d'introduire une réclamation auprès de la CNIL.",
    )


@rule(
    "RG-05",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="RGPD art. 33.1, 33.2",
    title="Violation de données : délais d'information chiffrés, moins de 72 heures",
)
def breach_cooperation(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = _sharing(doc)
    if partage is None:
        return
    rgpd = partage.rgpd
    violation = rgpd.violation if rgpd else None
    if violation is None:
        yield Finding(
            RGPD if rgpd else ("partage_information",),
            "Prévoyez l'information des autres parties en cas de violation de données, dans "
            f"un délai inférieur à {CNIL_HOURS} heures, et un contact "
            "(partage_information.rgpd.violation : delai_information_heures, contact).",
            Severity.AVERTISSEMENT,
        )
        return
    where = (*RGPD, "violation")
    hours = violation.delai_information_heures
    if hours >= CNIL_HOURS:
        yield Finding(
            (*where, "delai_information_heures"),
            "Prévoyez l'information des autres parties en cas de violation de données dans un "
            f"délai inférieur à {CNIL_HOURS} heures (délai déclaré : {hours} heures) : "
            "chaque responsable doit pouvoir la notifier à la CNIL dans ce délai.",
        )
    elif hours > PARTIES_HOURS:
        yield Finding(
            (*where, "delai_information_heures"),
            f"Un délai d'information entre parties de {hours} heures laisse peu de temps pour "
            f"notifier la CNIL dans les {CNIL_HOURS} heures : {PARTIES_HOURS} heures au plus "
            "sont d'usage.",
            Severity.AVERTISSEMENT,
        )
    processors = rgpd is not None and any(r.role is RoleRgpd.SOUS_TRAITANT for r in rgpd.roles)
    late = violation.delai_sous_traitant_heures
    if processors and (late is None or late >= CNIL_HOURS):
        declared = "aucun" if late is None else f"{late} heures"
        yield Finding(
            (*where, "delai_sous_traitant_heures"),
            "Un sous-traitant doit prévenir le responsable de traitement d'une violation dans "
            f"un délai inférieur à {CNIL_HOURS} heures (délai déclaré : {declared}) "
            "(delai_sous_traitant_heures).",
        )


def _shared_tool(flux: Flux) -> bool:
    return flux.canal is Canal.DOSSIER_PARTAGE or flux.hebergement is not None


def _sensitive(flux: Flux) -> bool:
    return flux.donnees_sante or flux.concerne_mineurs or flux.base_legale in CHILD_PROTECTION_BASES


@rule(
    "RG-07",
    documents=ALL_DOCUMENTS,
    level=Level.C_P,
    source="RGPD art. 35.1, 35.3 b, 35.4 ; CNIL délib. n° 2018-327",
    title="Traitement partagé de données sensibles : analyse d'impact prévue ou motif d'absence",
)
def impact_assessment(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = _sharing(doc)
    if partage is None:
        return
    rgpd = partage.rgpd
    if rgpd is not None and (
        rgpd.analyse_impact or rgpd.aipd_par is not None or rgpd.motif_absence_aipd is not None
    ):
        return
    for flux in partage.flux:
        if _shared_tool(flux) and _sensitive(flux):
            yield Finding(
                RGPD if rgpd else ("partage_information",),
                f"Le traitement partagé « {flux.intitule} » porte sur des données de santé ou "
                "des personnes vulnérables : indiquez qui réalise l'analyse d'impact (AIPD, "
                "aipd_par) ou pourquoi elle n'est pas requise (motif_absence_aipd).",
            )
            return


@rule(
    "RG-08",
    documents=ALL_DOCUMENTS,
    level=Level.C,
    source="RGPD art. 21",
    title="Pas de droit d'opposition pour un flux fondé sur une obligation légale",
)
def no_objection_to_legal_duty(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    for index, flux in enumerate(partage.flux if partage else []):
        explicit = "droit_opposition" in flux.model_fields_set
        if flux.base_art6 is BaseArt6.C and flux.droit_opposition and explicit:
            yield Finding(
                ("partage_information", "flux", index, "droit_opposition"),
                f"Le flux « {flux.intitule} » repose sur une obligation légale : le droit "
                "d'opposition de l'article 21 du RGPD ne s'applique pas ; retirez-le "
                "(droit_opposition: false).",
            )


@rule(
    "RG-09",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="RGPD art. 6.1 (dernier alinéa), considérant 43",
    title="Ni consentement ni intérêt légitime comme base d'un flux d'un organisme public",
)
def public_body_bases(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    partage = doc.partage_information
    public = _public_bodies(doc)
    for index, flux in enumerate(partage.flux if partage else []):
        if flux.base_art6 not in (BaseArt6.A, BaseArt6.F):
            continue
        sender, receiver = public.get(flux.emetteur), public.get(flux.destinataire)
        if sender is None and receiver is None:
            continue
        if sender is not None and receiver is not None and sender != receiver:
            bodies = (
                f"{join_list([sender, receiver])}, qui les échangent, sont des organismes publics"
            )
        elif sender is not None:
            bodies = f"{sender}, qui transmet ces informations, est un organisme public"
        else:
            bodies = f"{receiver}, qui reçoit ces informations, est un organisme public"
        path = ("partage_information", "flux", index, "base_art6")
        if flux.base_art6 is BaseArt6.A:
            yield Finding(
                path,
                f"Le flux « {flux.intitule} » repose sur le consentement (article 6.1 a du "
                f"RGPD) alors que {bodies} : face à une autorité publique, la personne n'est "
                "en principe pas libre de refuser, et le consentement n'est pas une base "
                "adaptée (considérant 43 du RGPD). Retenez le plus souvent « e », mission "
                "d'intérêt public, ou « c », obligation légale. Le consentement au partage "
                "qu'exige, le cas échéant, le code de la santé publique est une autre "
                "question : il se déclare à part, dans le fondement du partage et les "
                "modalités du consentement.",
            )
        else:
            yield Finding(
                path,
                f"Le flux « {flux.intitule} » repose sur l'intérêt légitime (article 6.1 f du "
                f"RGPD) alors que {bodies} : l'article 6.1 exclut cette base pour les "
                "traitements qu'une autorité publique effectue dans l'exécution de ses "
                "missions. Retenez le plus souvent « e », mission d'intérêt public, ou « c », "
                "obligation légale.",
            )


def _public_bodies(doc: SharedDocument) -> dict[str, str]:
    """The public bodies that may send or receive data, by code -> their short name."""
    found = {org.code: org.short_name for org in doc.organisations if org.nature is Nature.PUBLIC}
    if isinstance(doc, ConventionGcsms):
        # A group of public members is of public law even before its nature is written.
        nature = doc.nature_juridique or expected_nature(doc)
        if nature is NatureJuridique.DROIT_PUBLIC:
            found[GROUP] = "le groupement"
    return found
