"""DT-05, DT-06, GC-37, GC-38, GC-39, GC-40, GC-41: what a GCSMS constitutive convention
must get right beyond its mandatory mentions — dates that follow the group's existence, its
financial year, its administrator's deputy, every competent authority, rights changed only
by an amendment (domaine.md §J.6, §J.8)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from convgen.errors import DataPath, Severity
from convgen.regles.base import GC, Finding, Level, RuleContext, rule
from convgen.regles.texte_libre import excerpt, free_texts, plain
from convgen.schema.commun import Civilite
from convgen.schema.convention_gcsms import (
    Administrateur,
    AgentComptable,
    AutoritePublication,
    ConventionGcsms,
    Mission,
    ModeDesignation,
    ModeNomination,
)
from convgen.wording.dates import add_months
from convgen.wording.formatting import capitalized, join_list, long_date, number, of
from convgen.wording.libelles import label

# How an authorisation's issuing authority is recognised in its free-text « autorite ».
_AUTHORITIES = {
    AutoritePublication.DG_ARS: re.compile(r"agence regionale de sante|\bars\b"),
    AutoritePublication.PRESIDENT_CONSEIL_DEPARTEMENTAL: re.compile(
        r"conseil departemental|conseil general|\bdepartement\b"
    ),
    AutoritePublication.PREFET_DEPARTEMENT: re.compile(r"\bprefet"),
}


def _existence(doc: ConventionGcsms) -> tuple[dt.date | None, str]:
    """The first day the group may exist, and how to name it in a message."""
    received = doc.publication.date_reception_declaration
    if received is not None:
        return received, f"réception de sa déclaration le {long_date(received)}"
    return None, "réception de sa déclaration, qui n'est pas encore datée"


@rule(
    "DT-05",
    documents={GC},
    level=Level.C_P,
    source="CASF R. 312-194-5, R. 312-194-18",
    title="Autorisation du groupement postérieure à son existence ou sous condition "
    "suspensive ; exploitation d'une autorisation d'un membre deux mois après la demande",
)
def authorisations_after_existence(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    exists, when = _existence(doc)
    for index, autorisation in enumerate(doc.autorisations):
        path = ("autorisations", index)
        granted = autorisation.date
        if (
            autorisation.titulaire is None
            and granted is not None
            and not autorisation.condition_suspensive
            and (exists is None or granted < exists)
        ):
            yield Finding(
                (*path, "date"),
                f"L'autorisation du {long_date(granted)} (« {autorisation.intitule} ») ne peut "
                f"être délivrée au groupement avant qu'il existe ({when}) : présentez-la comme "
                "condition suspensive (condition_suspensive: true, date_demande) ou corrigez "
                "la date.",
                Severity.AVERTISSEMENT,
            )
        asked, start = autorisation.date_demande, autorisation.debut_exploitation
        if (
            autorisation.titulaire is not None
            and asked
            and start
            and not autorisation.accord_expres
        ):
            earliest = add_months(asked, 2)
            if start < earliest:
                yield Finding(
                    (*path, "debut_exploitation"),
                    f"L'exploitation de l'autorisation « {autorisation.intitule} » ne peut "
                    f"commencer le {long_date(start)} : l'accord de l'autorité n'est réputé "
                    f"donné que deux mois après la demande du {long_date(asked)}, soit le "
                    f"{long_date(earliest)}, sauf accord exprès (accord_expres: true).",
                    Severity.ERREUR,
                )


@rule(
    "DT-06",
    documents={GC},
    level=Level.P,
    source="CASF R. 312-194-7 4°, R. 312-194-18",
    title="La durée du groupement court de sa personnalité morale",
)
def term_from_legal_personality(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    start = doc.duree.date_effet
    exists, when = _existence(doc)
    if start is not None and (exists is None or start < exists):
        yield Finding(
            ("duree", "date_effet"),
            "La durée du groupement doit courir à compter de l'acquisition de sa personnalité "
            f"morale ({when}), non du {long_date(start)} : le modèle imprime « à compter de la "
            "date à laquelle il jouit de la personnalité morale » ; retirez date_effet ou "
            "indiquez la date de réception de la déclaration.",
        )


@rule(
    "GC-37",
    documents={GC},
    level=Level.P,
    source="CASF R. 312-194-10 al. 2, R. 312-194-21 1°",
    title="Exercice du groupement défini",
)
def financial_year_defined(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.exercice is None:
        yield Finding(
            ("exercice",),
            "Définissez l'exercice du groupement par son premier mois "
            "(exercice.debut_mois), janvier (1) pour l'année civile : le retrait des membres "
            "et le budget en dépendent.",
        )


@rule(
    "GC-39",
    documents={GC},
    level=Level.C_P,
    source="CASF R. 312-194-23",
    title="Suppléant de l'administrateur élu par l'assemblée générale",
)
def deputy_elected(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    admin = doc.administrateur
    deputy = admin.suppleant if admin else None
    if deputy is None:
        return
    path = ("administrateur", "suppleant", "mode_designation")
    if deputy.mode_designation is None:
        yield Finding(
            path,
            "Indiquez comment est choisi le suppléant de l'administrateur "
            f"({deputy.full_name}) : comme l'administrateur, par élection de l'assemblée "
            "générale parmi les membres ou leurs représentants (mode_designation: election_ag).",
        )
    elif deputy.mode_designation is not ModeDesignation.ELECTION_AG:
        yield Finding(
            path,
            "Le suppléant de l'administrateur doit être élu par l'assemblée générale parmi les "
            "membres ou leurs représentants, non choisi autrement "
            f"({label(deputy.mode_designation)}).",
            Severity.ERREUR,
        )


@rule(
    "GC-40",
    documents={GC},
    level=Level.P,
    source="CASF R. 312-194-18",
    title="Toutes les autorités compétentes informées de la convention et de ses avenants",
)
def every_authority_informed(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    publication = doc.publication
    declared = {publication.autorite, *publication.autorites_informees}
    concerned: dict[AutoritePublication, None] = {}
    for autorisation in doc.autorisations:
        text = plain(autorisation.autorite)
        for authority, pattern in _AUTHORITIES.items():
            if pattern.search(text):
                concerned[authority] = None
    missing = [a for a in concerned if a not in declared]
    if len(concerned) > 1 and missing:
        yield Finding(
            ("publication", "autorites_informees"),
            "Les activités du groupement relèvent aussi "
            f"{join_list('du ' + label(a) for a in missing)} : prévoyez de "
            f"{'leur' if len(missing) > 1 else 'lui'} transmettre la convention et ses avenants "
            "(publication.autorites_informees).",
        )


# The accountant named or chosen by the convention itself (not « nommé par arrêté »).
_ACCOUNTANT_NAMED = re.compile(
    r"agent comptable[^.;]{0,40}\b(est|sera)\s+(madame|monsieur|mme|m\.)|"
    r"agent comptable[^.;]{0,40}\b(designe|nomme|choisi)e? par (la (presente )?convention|"
    r"l'assemblee|les membres)"
)


@rule(
    "GC-41",
    documents={GC},
    level=Level.C_P,
    source="CASF R. 312-194-16, R. 312-194-23 ; séparation de l'ordonnateur et du comptable",
    title="Agent comptable nommé par arrêté, distinct de l'administrateur",
    open_question="L'autorité qui nomme l'agent comptable (préfet ou ministre chargé du "
    "budget) et le texte de l'incompatibilité entre ordonnateur et comptable restent à "
    "lire : un agent comptable désigné par la convention avertit sans bloquer.",
)
def accountant_appointed_by_order(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    if doc.comptabilite.value != "publique":
        if doc.agent_comptable is not None:
            yield Finding(
                ("agent_comptable",),
                "Un groupement à comptabilité privée n'a pas d'agent comptable, propre à la "
                "comptabilité publique : retirez-le ; ses comptes sont tenus "
                "comme ceux d'une personne de droit privé.",
                Severity.AVERTISSEMENT,
            )
        return
    accountant = doc.agent_comptable
    if Mission.EXERCICE_DIRECT_MISSIONS_ESSMS in doc.missions:
        accountant = None  # an ESSMS run by the group follows its own accounting rules
    if accountant is not None and (
        accountant.mode_nomination is ModeNomination.CONVENTION or accountant.nom is not None
    ):
        yield Finding(
            ("agent_comptable",),
            "L'agent comptable d'un groupement de droit public est nommé par arrêté : la "
            "convention ne le désigne pas (retirez nom, mode_nomination: arrete).",
        )
    admin = doc.administrateur
    if admin is not None and "agent comptable" in plain(admin.qualite):
        yield Finding(
            ("administrateur", "qualite"),
            "L'administrateur, ordonnateur des recettes et des dépenses, ne peut être l'agent "
            "comptable du groupement.",
            Severity.ERREUR,
        )
    elif admin is not None and doc.agent_comptable and _same_person(admin, doc.agent_comptable):
        who = "l'administratrice" if admin.civilite is Civilite.MADAME else "l'administrateur"
        yield Finding(
            ("agent_comptable", "nom"),
            f"L'agent comptable nommé ({doc.agent_comptable.nom}) est {who} du groupement : "
            "l'ordonnateur des recettes et des dépenses ne peut en être le comptable.",
            Severity.ERREUR,
        )
    for path, text in free_texts(doc):
        if _ACCOUNTANT_NAMED.search(plain(text)):
            yield Finding(
                path,
                f"Le texte « {excerpt(text)} » désigne l'agent comptable : dans un groupement "
                "de droit public, il est nommé par arrêté, non par la convention.",
            )
            return


def _same_person(admin: Administrateur, accountant: AgentComptable) -> bool:
    """« Madame Nathalie Faure » for the administrator Nathalie Faure: her first and last
    names both written, as whole words (« Le Gall » too)."""
    if accountant.nom is None:
        return False

    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"[\w-]+", plain(text))) + " "

    written = words(accountant.nom)
    return words(admin.prenom) in written and words(admin.nom) in written


@rule(
    "GC-38",
    documents={GC},
    level=Level.C,
    source="CASF R. 312-194-7 dernier al., R. 312-194-12, R. 312-194-22",
    title="Droits statutaires modifiés seulement par avenant adopté à l'unanimité",
    explanation="Changer les droits statutaires d'un membre, donc ses voix à l'assemblée "
    "générale, exige un avenant adopté à l'unanimité des membres présents ou représentés. "
    "Donnez la version précédente (date de signature, droits de chaque membre) : convgen "
    "compare les droits et demande l'avenant (numéro, date de l'assemblée, unanimité).",
)
def rights_changed_by_amendment(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    avenant, previous = doc.avenant, doc.version_precedente
    if avenant is not None and avenant.unanimite is False:
        yield Finding(
            ("avenant", "unanimite"),
            f"L'avenant n° {avenant.numero} modifie la convention constitutive : il ne peut "
            "être adopté qu'à l'unanimité des membres présents ou représentés (CASF, "
            "art. R. 312-194-22).",
        )
    yield from _previous_rights(doc)
    if avenant is not None and previous is None:
        yield Finding(
            ("avenant",),
            f"Indiquez la version que modifie l'avenant n° {avenant.numero} "
            "(version_precedente : date de signature et droits de chaque membre) pour que "
            "les droits soient comparés.",
            Severity.AVERTISSEMENT,
        )
    yield from _amendment_dates(doc)
    yield from _approvals_after_the_previous_version(doc)
    # An amendment declared covers the changes: its date and unanimity are information to
    # complete (a draft is written before the general assembly votes).
    if avenant is not None or previous is None or not previous.droits:
        return
    for change, path in _rights_changes(doc):
        yield Finding(
            path,
            f"{change} sans avenant adopté à l'unanimité : indiquez l'avenant (numéro, date de "
            "l'assemblée générale, unanimité).",
        )


def _previous_rights(doc: ConventionGcsms) -> Iterator[Finding]:
    """The previous rights: each member once, and a name for one that has left (the
    visa of the previous version prints it)."""
    previous = doc.version_precedente
    current = {membre.code for membre in doc.membres}
    seen: set[str] = set()
    for index, entry in enumerate(previous.droits if previous else []):
        path: DataPath = ("version_precedente", "droits", index)
        if entry.membre in seen:
            yield Finding((*path, "membre"), f"« {entry.membre} » figure deux fois.")
        seen.add(entry.membre)
        if entry.membre not in current and entry.nom is None:
            yield Finding(
                (*path, "nom"),
                f"Le membre « {entry.membre} » a quitté le groupement : indiquez son nom "
                "(nom), que le visa de la version précédente imprime.",
            )


def _approvals_after_the_previous_version(doc: ConventionGcsms) -> Iterator[Finding]:
    """Each member's deliberation cited for an amendment approves it: it cannot predate
    the version the amendment changes (the visa would cite the first convention's)."""
    avenant, previous = doc.avenant, doc.version_precedente
    if avenant is None or previous is None:
        return
    for index, membre in enumerate(doc.membres):
        act = membre.habilitation
        if act is not None and act.date is not None and act.date < previous.date_signature:
            yield Finding(
                ("membres", index, "habilitation", "date"),
                f"La délibération {of(membre.short_name)} du {long_date(act.date)} précède la "
                f"version que l'avenant n° {avenant.numero} modifie, signée le "
                f"{long_date(previous.date_signature)} : elle ne peut pas approuver "
                "l'avenant ; indiquez celle qui l'approuve.",
            )


def _amendment_dates(doc: ConventionGcsms) -> Iterator[Finding]:
    """The general assembly adopts the amendment after the version it changes was signed,
    and before the members sign the amended text."""
    avenant, previous = doc.avenant, doc.version_precedente
    voted = avenant.date_ag if avenant is not None else None
    signature = doc.signature
    dates: list[dt.date | None] = [entry.date for entry in signature.par_partie]
    signed = min((d for d in dates or [signature.date] if d is not None), default=None)
    if voted is not None and signed is not None and voted > signed:
        yield Finding(
            ("avenant", "date_ag"),
            # The first signature: the members sign the text the assembly adopted.
            f"L'assemblée générale du {long_date(voted)} adopterait l'avenant après sa "
            f"première signature ({long_date(signed)}) : elle l'adopte avant que les membres "
            "ne le signent.",
        )
    if previous is not None and voted is not None and voted < previous.date_signature:
        yield Finding(
            ("avenant", "date_ag"),
            f"L'avenant est adopté le {long_date(voted)}, avant la signature de la version "
            f"qu'il modifie ({long_date(previous.date_signature)}).",
        )


def _rights_changes(doc: ConventionGcsms) -> Iterator[tuple[str, DataPath]]:
    """Each member whose rights differ from the previous version, entered or left."""
    assert doc.version_precedente is not None
    before = {entry.membre: entry.droits_pct for entry in doc.version_precedente.droits}
    for index, membre in enumerate(doc.membres):
        path: DataPath = ("membres", index, "droits_pct")
        now = membre.droits_pct
        if membre.code not in before:
            yield f"{capitalized(membre.short_name)} entre au groupement", ("membres", index)
        elif now is not None and now != before[membre.code]:
            yield (
                f"Les droits {of(membre.short_name)} passent de {number(before[membre.code])} % "
                f"à {number(now)} %",
                path,
            )
    current = {membre.code for membre in doc.membres}
    for index, entry in enumerate(doc.version_precedente.droits):
        if entry.membre not in current:
            yield (
                f"Le membre « {entry.membre} » ({number(entry.droits_pct)} % des droits) "
                "quitte le groupement",
                ("version_precedente", "droits", index, "membre"),
            )
