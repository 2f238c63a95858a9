"""§J rules the current input can express: dates in order (DT-02, DT-04), subsidies
(CP-17), free text that holds numbers, amounts or legal references (TX-02, TX-04,
TX-05), the ethical principles of a health network (CR-10)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from convgen.errors import Severity
from convgen.regles.base import ALL_DOCUMENTS, CP, CR, GC, Finding, Level, RuleContext, rule
from convgen.regles.texte_libre import excerpt, free_texts, plain
from convgen.schema.charte_reseau import CharteReseau, TypeReseau
from convgen.schema.commun import Nature
from convgen.schema.convention_gcsms import ConventionGcsms
from convgen.schema.convention_partenariat import ConventionPartenariat, Versement
from convgen.schema.document import SharedDocument
from convgen.wording.accords import to
from convgen.wording.dates import end_of_term
from convgen.wording.formatting import amount, long_date, of


@rule(
    "DT-02",
    documents={CP},
    level=Level.P,
    source="C. civ. 1103 ; rétroactivité des actes administratifs",
    title="Prise d'effet avant la signature : rétroactivité à motiver",
)
def effect_before_signature(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    signed, effect = doc.signature.concluded_on, doc.duree.date_effet
    if signed is None or effect >= signed:
        return
    months = doc.duree.duree_mois
    end = doc.duree.date_fin or (end_of_term(effect, months) if months else None)
    if end is not None and effect <= end < signed:
        # No retroactive clause saves it: the agreement would be over before it is made.
        yield Finding(
            ("duree", "date_fin" if doc.duree.date_fin else "duree_mois"),
            f"La convention prendrait fin le {long_date(end)}, avant même sa signature, le "
            f"{long_date(signed)} : corrigez la date d'effet, la durée ou la date de signature.",
            Severity.ERREUR,
        )
        return
    if doc.duree.motif_retroactivite is None:
        yield Finding(
            ("duree", "date_effet"),
            f"La convention prend effet le {long_date(effect)}, avant sa signature, le "
            f"{long_date(signed)} : ajoutez une clause de rétroactivité motivée "
            "(motif_retroactivite) ou décalez la date d'effet.",
        )
    elif any(party.nature is Nature.PUBLIC for party in doc.parties):
        yield Finding(
            ("duree", "motif_retroactivite"),
            "Une personne publique est partie : la rétroactivité d'un acte administratif est "
            "en principe exclue ; faites vérifier que le motif indiqué la justifie.",
        )


@rule(
    "DT-04",
    documents={CP},
    level=Level.C,
    source="cohérence ; loi n° 2000-321 art. 10",
    title="Échéances de versement comprises dans la durée de la convention",
)
def instalments_within_term(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    duree = doc.duree
    months = duree.duree_mois
    end = duree.date_fin or (end_of_term(duree.date_effet, months) if months else None)
    finances = doc.dispositions_financieres
    if finances is None or (end is not None and end <= duree.date_effet):
        return  # CP-09 reports the term itself
    start = long_date(duree.date_effet)
    period = f"du {start} au {long_date(end)}" if end else f"à partir du {start}"
    for index, versement in enumerate(finances.versements):
        path = ("dispositions_financieres", "versements", index)
        for step, echeance in enumerate(versement.echeancier):
            if echeance.date < duree.date_effet or (end is not None and echeance.date > end):
                yield Finding(
                    (*path, "echeancier", step),
                    f"L'échéance du {long_date(echeance.date)} ({amount(echeance.montant)}) "
                    f"tombe hors de la durée de la convention ({period}).",
                )
        first = versement.premiere_echeance
        if first is not None and (first < duree.date_effet or (end is not None and first > end)):
            yield Finding(
                (*path, "premiere_echeance"),
                f"La première échéance du {long_date(first)} tombe hors de la durée de la "
                f"convention ({period}).",
            )


SUBSIDY_THRESHOLD = Decimal(23000)


@rule(
    "CP-17",
    documents={CP},
    level=Level.C_P,
    source="loi n° 2000-321 art. 10 ; décret n° 2001-495",
    title="Subvention publique à un organisme privé au-delà de 23 000 € : objet, montant, "
    "conditions d'utilisation",
    open_question="La rédaction en vigueur de l'article 10 de la loi n° 2000-321 (modalités "
    "de versement) et le seuil actuel du décret n° 2001-495 restent à vérifier : seules "
    "les conditions d'utilisation manquantes sont signalées, sans bloquer.",
)
def public_subsidy(doc: ConventionPartenariat, _: RuleContext) -> Iterator[Finding]:
    names = doc.payer_names()
    for subsidy in subsidies_over_threshold(doc):
        payer, beneficiary, year, counted, total = subsidy
        paid, by, to_whom = (
            _shown(counted, year),
            of(names.get(payer, payer)),
            to(names.get(beneficiary, beneficiary)),
        )
        when = f"en {year}" if year is not None else "par an"
        for index, versement, _part in counted:
            if versement.justificatifs:
                continue
            path = ("dispositions_financieres", "versements", index, "justificatifs")
            if len(counted) == 1:
                yield Finding(
                    path,
                    f"Le versement {by} {to_whom} ({paid}) dépasse 23 000 € : la convention "
                    "doit préciser les conditions d'utilisation de la subvention et le compte "
                    "rendu attendu (justificatifs).",
                    Severity.AVERTISSEMENT,
                )
            else:
                yield Finding(
                    path,
                    f"Les versements {by} {to_whom} ({paid}, soit {amount(total)} {when}) "
                    "dépassent ensemble 23 000 € : la convention doit préciser les conditions "
                    "d'utilisation de chaque subvention et le compte rendu attendu "
                    "(justificatifs).",
                    Severity.AVERTISSEMENT,
                )


Counted = list[tuple[int, Versement, Decimal]]
Subsidy = tuple[str, str, int | None, Counted, Decimal]


_PRIVATE_BODIES = frozenset({Nature.PRIVE_NON_LUCRATIF, Nature.PRIVE_LUCRATIF})


def subsidies_over_threshold(doc: ConventionPartenariat) -> list[Subsidy]:
    """What a public party grants one private organisation in a year beyond the
    threshold of decree 2001-495 (payer, beneficiary, year, the payments counted, their
    total): the convention is then the one article 10 of loi 2000-321 requires. A
    funder's payments are left out: the funder's own act is the subsidy's instrument."""
    finances = doc.dispositions_financieres
    if finances is None:
        return []
    natures = {party.code: party.nature for party in doc.parties}
    funders = {funder.code for funder in finances.financeurs}
    # Counted per year: the threshold is read on what that authority grants the
    # organisation in a year, all subsidies together.
    granted: dict[tuple[str, str], list[tuple[int, Versement]]] = {}
    for index, versement in enumerate(finances.versements):
        if versement.payeur in funders:
            continue
        public = natures.get(versement.payeur) is Nature.PUBLIC
        # A private body (article 10 of loi 2000-321: « organisme de droit privé »), not a
        # natural person.
        private = natures.get(versement.beneficiaire) in _PRIVATE_BODIES
        if public and private:
            granted.setdefault((versement.payeur, versement.beneficiaire), []).append(
                (index, versement)
            )
    found = []
    for (payer, beneficiary), payments in granted.items():
        year, counted = _heaviest_year(doc, payments)
        total = sum((part for _, _, part in counted), start=Decimal(0))
        if total > SUBSIDY_THRESHOLD:
            found.append((payer, beneficiary, year, counted, total))
    return found


def _heaviest_year(
    doc: ConventionPartenariat, payments: list[tuple[int, Versement]]
) -> tuple[int | None, Counted]:
    """The year an authority grants an organisation the most (the threshold of decree
    2001-495 is yearly), and what it pays then: a recurring payment its yearly amount
    every year, a single one its whole amount in the year of its first instalment, else
    of the convention's effect. The year is None when only recurring payments count
    (the same every year)."""
    recurring: Counted = []
    single: dict[int, Counted] = {}
    for index, versement in payments:
        yearly = versement.yearly_amount
        if yearly is not None:
            recurring.append((index, versement, yearly))
            continue
        first = min((e.date for e in versement.echeancier), default=doc.duree.date_effet)
        single.setdefault(first.year, []).append((index, versement, versement.montant))
    if not single:
        return None, recurring
    candidates = [
        (year, sorted([*recurring, *once], key=lambda counted: counted[0]))
        for year, once in single.items()
    ]
    return max(candidates, key=lambda c: (sum(part for _, _, part in c[1]), -c[0]))


def _shown(counted: Counted, year: int | None) -> str:
    """« 15 000,00 € par an + 12 000,00 € en 2027 »."""
    return " + ".join(
        f"{amount(part)} par an"
        if versement.yearly_amount is not None
        else f"{amount(part)} en {year}"
        for _, versement, part in counted
    )


@rule(
    "CR-10",
    documents={CR},
    level=Level.C,
    source="CSP D6321-1 et suivants ; chartes des réseaux de santé",
    title="Réseau de santé : principes éthiques énoncés",
)
def ethics_of_health_network(doc: CharteReseau, _: RuleContext) -> Iterator[Finding]:
    if doc.type_reseau is TypeReseau.SANTE and not (doc.valeurs and doc.valeurs.strip()):
        yield Finding(
            ("valeurs",),
            "La charte d'un réseau de santé doit énoncer ses principes éthiques (valeurs).",
        )


_QUORUM = re.compile(r"quorum|majorit|unanimit")
_FRACTION = re.compile(r"(\d{1,3}(?:[,.]\d+)?)\s*%|\b(moitie|tiers|quart)\b")
_FRACTIONS = {"moitie": Decimal(50), "tiers": Decimal("33.33"), "quart": Decimal(25)}
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_SECOND_CALL = re.compile(
    r"\b(sur |lors d'une |en cas de |a la )?(seconde|deuxieme|nouvelle|2e|2nde) convocation"
    r"|\breconvoqu"
)


@rule(
    "TX-02",
    documents={GC},
    level=Level.C,
    source="CASF R. 312-194-22",
    title="Quorum ou majorité écrits en texte libre : conformes au code et aux valeurs déclarées",
)
def quorum_in_free_text(doc: ConventionGcsms, _: RuleContext) -> Iterator[Finding]:
    declared = doc.assemblee_generale.quorum_pct_droits
    for path, text in free_texts(doc):
        flat = plain(text)
        if "quorum" not in flat:
            continue
        # On a second convocation the assembly deliberates without quorum (R. 312-194-22):
        # what a text asks there is stricter than the code, not contrary to it.
        first = " ".join(_before_second_call(s) for s in _SENTENCE.split(flat))
        for value in _fractions(first):
            if value < Decimal(50) or value != declared:
                yield Finding(
                    path,
                    f"Le texte « {excerpt(text)} » fixe un quorum ({_pct(value)} %) "
                    f"incompatible avec la valeur déclarée ({_pct(declared)} %) ou avec "
                    "l'article R. 312-194-22 du CASF (au moins la moitié des droits).",
                )
                break


def _before_second_call(sentence: str) -> str:
    """What a sentence says before it turns to a second convocation (« …, sauf sur
    seconde convocation où… »): the rest is about the meeting that needs no quorum."""
    found = _SECOND_CALL.search(sentence)
    return sentence if found is None else sentence[: found.start()]


def _fractions(flat: str) -> Iterator[Decimal]:
    for match in _FRACTION.finditer(flat):
        number, word = match.groups()
        yield Decimal(number.replace(",", ".")) if number else _FRACTIONS[word]


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


_MONEY = re.compile(r"\d[\d\s  .]*(?:,\d+)?\s*(?:€|euros?\b)")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
_COUNT = (
    r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|dix-huit|"
    r"vingt-quatre|trente-six)\s+(?:\(\d+\)\s*)?(?:ans?|années?|mois)\b"
)
# The agreement's own term typed in a text (« la convention est conclue pour une durée de
# cinq ans », « reconduire la convention pour cinq ans »): the duration's fields hold it.
# The agreement is the subject or the object of the verb: not a stay or a lease the
# agreement speaks of (« la convention prévoit l'accueil des jeunes pour une durée de six
# mois », « le bail glissant est renouvelé pour un an »).
_AGREEMENT = r"(?:convention|charte|partenariat|groupement)"
_FOR = r"pour\s+(?:une\s+(?:nouvelle\s+)?(?:durée|période)\s+(?:de\s+|d[’']\s*))?"
_TERM = re.compile(
    rf"\b(?:{_AGREEMENT}|elle),?\s+(?:est\s+|sera\s+|pourra\s+être\s+|peut\s+être\s+)?"
    rf"(?:conclue?|passée?|signée?|établie?|reconduite?|renouvelée?|prorogée?)\s+{_FOR}{_COUNT}"
    rf"|\b(?:reconduire|renouveler|proroger|conclure)\s+(?:la\s+|le\s+)?(?:présente\s+)?"
    rf"{_AGREEMENT}\s+{_FOR}{_COUNT}"
    rf"|\bdurée\s+(?:de\s+la|du)\s+(?:présente\s+)?{_AGREEMENT}\s+(?:est\s+)?(?:de|fixée\s+à)\s+"
    rf"{_COUNT}",
    re.IGNORECASE,
)


# A notice period (« préavis d'un mois », « préavis de trente (30) jours »): fields hold it.
_NOTICE = re.compile(
    r"\bpréavis\s+(?:de\s+|d[’'])(?:\w+\s+)?(?:\(\d+\)\s*)?(?:jours?|semaines?|mois|ans?)\b",
    re.IGNORECASE,
)
# The financial sections hold their amounts in fields already: their texts may repeat them.
_FINANCIAL = ("dispositions_financieres", "financement")
# A deliberation is quoted as it was taken (its subject may name a sum or a term): not
# the convention's own wording of a value.
_QUOTED_ACT = "habilitation"


@rule(
    "TX-04",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="C. civ. 1376 ; cohérence",
    title="Montant, date ou durée saisis dans un texte libre",
)
def numbers_in_free_text(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, text in free_texts(doc):
        if (path and path[0] in _FINANCIAL) or _QUOTED_ACT in path:
            continue
        found = (
            _MONEY.search(text) or _DATE.search(text) or _NOTICE.search(text) or _TERM.search(text)
        )
        if found:
            yield Finding(
                path,
                f"Le texte « {excerpt(text)} » contient un montant, une date ou une durée "
                f"saisis librement (« {found.group(0).strip()} ») : convgen ne les vérifie "
                "pas ; si un champ existe pour cette valeur, utilisez-le (il est alors "
                "contrôlé et écrit en chiffres et en lettres).",
            )


_REFERENCE = re.compile(
    r"\b(?:articles?|art\.)\s+[LRD]\.?\s?\d[\d-]*|\bloi n°\s?\d[\d-]*|\bdécret n°\s?\d[\d-]*"
    r"|\bet suivants\b"
    # An instruction cited as such (« instruction DGAS/5D n° 2007-309 », « instruction
    # interministérielle du 4 mai »), not the common word (« instruction des demandes »).
    r"|\binstruction\s+(?:n°|(?-i:[A-Z]{2,})|(?:inter)?ministérielle|du\s+\d)",
    re.IGNORECASE,
)


@rule(
    "TX-05",
    documents=ALL_DOCUMENTS,
    level=Level.P,
    source="pratique",
    title="Référence juridique citée dans un texte libre : à faire relire",
)
def references_in_free_text(doc: SharedDocument, _: RuleContext) -> Iterator[Finding]:
    for path, text in free_texts(doc):
        found = _REFERENCE.search(text)
        if found:
            yield Finding(
                path,
                f"Le texte « {excerpt(text)} » cite « {found.group(0)} » : convgen ne "
                "vérifie pas cette référence ; faites-la relire.",
                Severity.INFORMATION,
            )
