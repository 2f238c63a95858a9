"""Template context shared by every document type.

Templates see plain dicts, lists and scalars, never the validated objects:
the keys are the YAML keys, plus a few computed ones (``nom_court``, ``e``,
``forme``...) documented for template authors.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from convgen import references
from convgen.chars import NBSP
from convgen.regles.juridiction import deduced_court
from convgen.schema.appellations import gender_of
from convgen.schema.base import TO_COMPLETE
from convgen.schema.commun import (
    Civilite,
    Delegation,
    Deliberation,
    Effectifs,
    FormeJuridique,
    Litiges,
    Nature,
    Organisation,
    Personne,
)
from convgen.schema.completion import completion_fields, field_names
from convgen.schema.document import SharedDocument, actor_names, insurance_of, referent_of
from convgen.schema.introspection import nested_field_names
from convgen.schema.partage import (
    ART21_BASES,
    CHILD_PROTECTION_BASES,
    L1110_4_BASES,
    SECURE_CHANNELS,
    BaseArt6,
    BaseLegale,
    Flux,
    PartageInformation,
    RoleRgpd,
)
from convgen.wording import formatting
from convgen.wording.accords import elide, feminine_noun, of
from convgen.wording.formatting import WithOrdinals
from convgen.wording.libelles import FEMININE_FORMS, LEGAL_FORMS, act_wording, body_wording


class Placeholder(str):
    """Visible stand-in for information not given yet (draft mode only)."""

    __slots__ = ()

    @classmethod
    def for_label(cls, label: str) -> Placeholder:
        return cls(f"[à compléter : {label}]")


class ModelView(dict[str, Any]):
    """A model's fields as template data, plus computed keys; remembers the model class
    it came from, so the template lint can map variables back to schema fields."""

    __slots__ = ("_convgen_derived", "_convgen_model")

    def __init__(self, model: type[BaseModel], fields: dict[str, Any]) -> None:
        super().__init__(fields)
        self._convgen_model = model
        self._convgen_derived: Mapping[str, tuple[str, ...]] = {}

    @property
    def source_model(self) -> type[BaseModel]:
        return self._convgen_model

    @property
    def derived(self) -> Mapping[str, tuple[str, ...]]:
        """Computed keys -> the fields they are made of (« nom_complet » <- civilité...)."""
        return self._convgen_derived


def view(
    model: BaseModel,
    draft: bool,
    extra: dict[str, Any] | None = None,
    derived: Mapping[str, tuple[str, ...]] | None = None,
) -> ModelView:
    """``model`` as template data (see to_template), with ``extra`` computed keys; ``derived``
    says which fields each computed key is made of."""
    extra = extra or {}
    result = _model_to_template(model, draft, replaced=extra.keys())
    result.update(extra)
    result._convgen_derived = derived or {}
    return result


def to_template(value: Any, draft: bool) -> Any:
    """Validated data -> plain template data; empty ``to_be_completed`` fields become
    placeholders in draft mode."""
    if isinstance(value, BaseModel):
        return _model_to_template(value, draft)
    if isinstance(value, list):
        return [to_template(item, draft) for item in value]
    return value


def _model_to_template(model: BaseModel, draft: bool, replaced: Collection[str] = ()) -> ModelView:
    """``model`` as a ModelView; the fields ``replaced`` (by computed keys of the same
    name) are left as they are, not converted only to be thrown away."""
    kind = type(model)
    values = model.__dict__  # a model's fields, read without an attribute look-up each
    # Every field copied as it is, then the few that may hold a model or a list
    # converted: a document holds about 150 models, most of their fields plain values.
    result = ModelView(kind, {name: values[name] for name in field_names(kind)})
    for name in nested_field_names(kind):
        if name in replaced:
            continue
        child = values[name]
        if isinstance(child, BaseModel):
            result[name] = _model_to_template(child, draft)
        elif isinstance(child, list):
            result[name] = [to_template(item, draft) for item in child]
    if draft:
        for name, extra in completion_fields(kind).items():
            if values[name] is None:
                result[name] = Placeholder.for_label(str(extra[TO_COMPLETE]))
    return result


# Forms whose precise kind the input may give (« société par actions simplifiée »),
# printed instead of the bare « société ». Not a SCIC: its form says its status.
PRECISED_FORMS = frozenset({FormeJuridique.SOCIETE})


def person(value: Personne) -> dict[str, Any]:
    return view(
        value,
        False,
        {
            "e": "e" if value.civilite is Civilite.MADAME else "",
            "nom_complet": value.full_name,
        },
        {"e": ("civilite",), "nom_complet": ("civilite", "prenom", "nom")},
    )


def organisation(value: Organisation, draft: bool) -> dict[str, Any]:
    """An organisation with what the text needs: short name, agreement, legal form."""
    wording, feminine = LEGAL_FORMS[value.forme_juridique]
    if value.nature is Nature.PERSONNE_PHYSIQUE:  # « ci-après dénommée « Madame Escoffier » »
        feminine = value.representant_legal.civilite is Civilite.MADAME
    else:  # « Centre social Les Lilas, association…, représenté »: the name's own noun
        named = gender_of(value.denomination)
        feminine = feminine if named is None else named
    form: str = WithOrdinals(wording)  # « loi du 1er juillet 1901 »
    if value.representant_legal.civilite is Civilite.MADAME:  # « professionnelle libérale »
        form = FEMININE_FORMS.get(value.forme_juridique, form)
    if value.forme_juridique is FormeJuridique.AUTRE:
        form = value.forme_juridique_precision or ""
    elif value.forme_juridique in PRECISED_FORMS and value.forme_juridique_precision:
        form = value.forme_juridique_precision  # « société par actions simplifiée »
    return view(
        value,
        draft,
        {
            "nom_court": value.short_name,
            "e": "e" if feminine else "",
            "forme": form,
            # « Commune de Bondy » says its form: no « Commune de Bondy, commune, ».
            "forme_dans_nom": folded(value.denomination).startswith(folded(form)),
            "representant_legal": person(value.representant_legal),
            "signe_par": person(value.signatory),
            "delegue": value.signataire is not None
            and value.signataire != value.representant_legal,
            "par_delegation": _by_delegation(value),
            "essms": value.is_essms,
            "effectifs_resume": _staff_summary(value.effectifs),
            "statuts_texte": _statutes(value.statuts_article),
            "statuts_ligne": _statutes(value.statuts_article, line=True),
            "habilitation": _authorisation(value.habilitation, draft)
            or _authorisation_to_come(value, draft),
            "delegation": _delegation(value.delegation, draft),
            # Shared fragments read these on every document type, where they may not exist.
            "referent": to_template(referent_of(value), draft),
            "assurance": to_template(insurance_of(value), draft),
        },
        {
            "nom_court": ("appellation", "sigle", "denomination"),
            "e": ("forme_juridique", "nature", "representant_legal"),
            "forme": ("forme_juridique", "forme_juridique_precision"),
            "forme_dans_nom": ("forme_juridique", "denomination"),
            "signe_par": ("signataire", "representant_legal"),
            "delegue": ("signataire", "representant_legal"),
            "par_delegation": ("representant_legal", "delegation"),
            "essms": ("finess_et",),
            "effectifs_resume": ("effectifs",),
            "statuts_texte": ("statuts_article",),
            "statuts_ligne": ("statuts_article",),
        },
    )


def folded(text: str) -> str:
    """``text`` compared as read: case, apostrophe (’ or ') and spaces aside."""
    return " ".join(text.replace("'", "’").lower().split())


def _by_delegation(organisation: Organisation) -> str:
    """The formula above a delegated signatory's name: « Pour la présidente et par
    délégation », « Pour l’administrateur et par délégation » (the quality as typed);
    « Par délégation du conseil d’administration » when the delegation's author is not
    the legal representative, for whom the delegate then does not sign."""
    representative = organisation.representant_legal
    author = organisation.delegation.auteur if organisation.delegation else None
    if author and not _names(author, representative.qualite):
        return f"Par délégation {of(author)},"
    # « la présidente », « la maire », but « le directeur général » as typed for a woman.
    first = representative.qualite.split(" ", 1)[0].lower()
    feminine = representative.civilite is Civilite.MADAME and first.endswith("e")
    article = "la" if feminine else "le"
    quality = elide(article, representative.qualite)
    # « Pour le président du conseil d’administration, maire, et par délégation »
    return f"Pour {quality}{',' if ',' in quality else ''} et par délégation,"


# Words before a title in a delegation's author: « Monsieur le Maire », « son président ».
_BEFORE_A_TITLE = frozenset(
    {"le", "la", "les", "l", "monsieur", "madame", "m", "mme", "son", "sa", "leur"}
)


@lru_cache(maxsize=1024)  # the same delegations recur from one document to the next
def _names(author: str, quality: str) -> bool:
    """Whether a delegation's ``author`` (« la présidente de l’association ») names the
    holder of ``quality`` (« président »): the same first noun, either gender."""

    def noun(text: str) -> str:
        words = [w for w in re.findall(r"\w+", folded(text)) if w not in _BEFORE_A_TITLE]
        if not words:
            return ""
        word = re.sub(r"(t?)rice$", r"\1eur", words[0])  # « directrice »: « directeur »
        return word.removesuffix("e")  # « présidente »: « président »

    return bool(noun(author)) and noun(author) == noun(quality)


def litigation(doc: SharedDocument, litiges: Litiges | None, draft: bool) -> ModelView | None:
    """The disputes clause's data, and whether the court it gives follows from the
    parties' nature or the stated nature of the contract (« juridiction_deduite »): only
    then does the text name it; otherwise it says « la juridiction compétente » alone."""
    if litiges is None:
        return None
    deduced = deduced_court(doc.organisations, litiges) is litiges.juridiction
    return view(
        litiges,
        draft,
        {"juridiction_deduite": deduced},
        {"juridiction_deduite": ("juridiction", "qualification_contrat", "motif_qualification")},
    )


def _delegation(value: Delegation | None, draft: bool) -> ModelView | None:
    """A delegation of power, with the article and agreement its nature takes: « en
    vertu d’{{ un }} {{ nature }} consenti{{ e }} par… » (« d’une délégation de
    signature consentie », « d’un pouvoir spécial consenti »)."""
    if value is None:
        return None
    feminine = feminine_noun(value.nature)
    return view(
        value,
        draft,
        {"un": "une" if feminine else "un", "e": "e" if feminine else ""},
        {"un": ("nature",), "e": ("nature",)},
    )


def _authorisation(value: Deliberation | None, draft: bool) -> ModelView | None:
    """The decision that authorises the signature, with its body's wording and its act
    (« délibération » of a board, « décision » of a director)."""
    if value is None:
        return None
    return view(
        value,
        draft,
        {"organe": body_wording(value), "acte": act_wording(value)},
        {"organe": ("organe", "organe_code"), "acte": ("organe_code",)},
    )


def _authorisation_to_come(value: Organisation, draft: bool) -> ModelView | None:
    """In a draft, the deliberation a member still has to take (a GCSMS member's, which
    its type asks for: ``to_be_completed``), with placeholders: « Vu la délibération
    [à compléter : organe qui délibère] de l'ADMR en date du [à compléter : …] »; None
    otherwise (a natural person decides alone)."""
    asked = "habilitation" in completion_fields(type(value))
    if not (draft and asked) or value.nature is Nature.PERSONNE_PHYSIQUE:
        return None
    blank = Deliberation.model_construct(**dict.fromkeys(field_names(Deliberation)))
    return view(
        blank,
        draft,
        {"organe": Placeholder.for_label("organe qui délibère"), "acte": "délibération"},
        {"organe": ("organe", "organe_code"), "acte": ("organe_code",)},
    )


def _statutes(article: str | None, line: bool = False) -> str | None:
    """``12`` or ``article 12`` -> « l’article 12 de ses statuts » (in a sentence) or
    « Article 12 des statuts » (in an identity card)."""
    if article is None:
        return None
    number = re.sub(r"(?i)^\s*(l[’']\s*)?(article|art\.)\s*", "", article)
    return f"Article {number} des statuts" if line else f"l’article {number} de ses statuts"


def _staff_summary(effectifs: Effectifs | None) -> str | None:
    """« 12,5 ETP ; 15 salariés ; 4 bénévoles ; 120 personnes accompagnées »."""
    if effectifs is None:
        return None
    parts = []
    for value, singular, plural in (
        (effectifs.etp, "ETP", "ETP"),
        (effectifs.salaries, "salarié", "salariés"),
        (effectifs.benevoles, "bénévole", "bénévoles"),
        (effectifs.personnes_accompagnees, "personne accompagnée", "personnes accompagnées"),
    ):
        if value is not None:
            parts.append(f"{formatting.number(value)}{NBSP}{singular if value < 2 else plural}")
    return " ; ".join(parts) or None


def name_or_gap(names: Mapping[str, str], code: str) -> str:
    """The name the text uses for the organisation ``code``. A code that designates none
    (its party removed since, or mistyped) is refused by validation, so it is only met
    in a draft: it prints as a gap to fill, never as the bare code (« Ccas verse… »)."""
    if code in names:
        return names[code]
    return Placeholder.for_label(f"organisation « {code} », retirée ou inconnue")


def optional_name(names: Mapping[str, str], code: str | None) -> str | None:
    """``name_or_gap`` for a field that may be left empty (None then)."""
    return name_or_gap(names, code) if code else None


def named_if_code(key: str, text: str | None, names: Mapping[str, str]) -> dict[str, str]:
    """``{key: name}`` when ``text`` is an organisation's code (« ccas ») rather than the
    words the field expects, else nothing: the field is printed as written."""
    return {key: names[text]} if text is not None and text in names else {}


def bases_used(partage: PartageInformation | None) -> set[BaseLegale]:
    return {flux.base_legale for flux in partage.flux} if partage else set()


def _reason_not_told(flux: Flux) -> str | None:
    """Why the parents are not told beforehand, and who judged it (PI-22)."""
    reason = flux.motif_absence_information
    if reason is None or flux.appreciation_par is None:
        return reason
    return f"{reason} (appréciation portée par {flux.appreciation_par})"


# « recueilli par écrit… » typed after the template's « recueilli préalablement au
# partage, »: the word is not printed twice.
_COLLECTED = re.compile(r"^(?:il est |le consentement est )?recueilli(?:e|s|es)?\s+", re.I)


def _consent_said_once(flux: Flux, flow: ModelView) -> ModelView:
    """The flow with how consent is collected as the template's sentence continues it."""
    consent = flow.get("consentement")
    if flux.consentement is not None and isinstance(consent, ModelView):
        typed = flux.consentement.modalite
        consent["modalite"] = _COLLECTED.sub("", typed) or typed
    return flow


def _bound_to_secrecy(person: str | None) -> str:
    """How the clause says the recipient is bound to secrecy: its professionals, or the
    professional in private practice herself or himself (``person``: « e » or « »)."""
    if person is None:
        return ", dont les professionnels destinataires sont soumis au secret professionnel"
    return f", soumis{person} au secret professionnel"


def sharing(doc: SharedDocument, draft: bool) -> dict[str, Any]:
    """The information-sharing clause: flows with party names, and which texts apply."""
    partage = doc.partage_information
    names = actor_names(doc)
    # A professional in private practice receives in person: « soumise au secret ».
    persons = {
        org.code: "e" if org.representant_legal.civilite is Civilite.MADAME else ""
        for org in doc.organisations
        if org.nature is Nature.PERSONNE_PHYSIQUE
    }
    flows = []
    for flux in partage.flux if partage else []:
        retention = flux.duree_conservation
        flows.append(
            _consent_said_once(
                flux,
                view(
                    flux,
                    draft,
                    {
                        "emetteur_nom": name_or_gap(names, flux.emetteur),
                        # « , dont les professionnels destinataires sont soumis au secret
                        # professionnel », or « , soumise au secret… » for a person.
                        "destinataire_au_secret": _bound_to_secrecy(persons.get(flux.destinataire)),
                        "destinataire_nom": name_or_gap(names, flux.destinataire),
                        "conservation": formatting.retention(retention) if retention else None,
                        "opposition": flux.objection_printed,
                        "motif_absence": _reason_not_told(flux),
                        # A party's code written where a name is expected: the party's name.
                        **named_if_code("coordonnateur", flux.coordonnateur, names),
                    },
                    {
                        "motif_absence": ("motif_absence_information", "appreciation_par"),
                        "conservation": ("duree_conservation",),
                        "opposition": ("droit_opposition", "base_legale", "base_art6"),
                        "destinataire_au_secret": ("destinataire", "destinataire_soumis_secret"),
                    },
                ),
            )
        )
    bases = bases_used(partage)
    rgpd = partage.rgpd if partage else None
    flux_list = partage.flux if partage else []
    art21 = any(objectable_art21(f) for f in flux_list)
    return {
        "actif": bool(flows),
        "flux": flows,
        "l1110_4": bool(bases & L1110_4_BASES),
        "equipe_soins": BaseLegale.EQUIPE_SOINS_L1110_4 in bases,
        "hors_equipe": bool(bases & {BaseLegale.HORS_EQUIPE_L1110_4, BaseLegale.CONSENTEMENT}),
        "protection_enfance": BaseLegale.PROTECTION_ENFANCE_L226_2_2 in bases,
        "information_preoccupante": BaseLegale.INFORMATION_PREOCCUPANTE_L226_2_1 in bases,
        "action_sociale": BaseLegale.ACTION_SOCIALE_L121_6_2 in bases,
        "donnees_sante": any(f.donnees_sante for f in flux_list),
        # Whether every flow of health data goes by a secure channel (PI-16 only warns):
        # the security clause says « never by ordinary e-mail » only when it is true.
        "sante_canaux_securises": all(
            f.canal in SECURE_CHANNELS for f in flux_list if f.donnees_sante
        ),
        # A host of health data declared not certified (PI-17 only warns): the clause
        # does not say it is; the parties bind themselves to nothing before it is.
        "hebergement_non_certifie": any(
            f.donnees_sante and f.hebergement and not f.hebergement.certifie_hds for f in flux_list
        ),
        "droit_opposition": any(f.objection_printed for f in flux_list),
        # Some flows only (a child-protection exchange beside one made with consent): the
        # right to object is said of those flows, named, not of every exchange.
        "droit_opposition_echanges": _objectable(flux_list),
        # Article 21 GDPR is said of the exchanges made for a public interest task or a
        # legitimate interest, never of a child-protection one (CASF L226-2-1, L226-2-2:
        # the law provides that the family is told beforehand, not that it may object).
        "opposition_art21": art21,
        "opposition_protection_enfance": art21
        and any(f.base_legale in CHILD_PROTECTION_BASES for f in flux_list),
        "obligation_legale": any(f.base_art6 is BaseArt6.C for f in flux_list),
        "tiers": [
            view(tiers, draft, {"mandant_nom": name_or_gap(names, tiers.mandant)})
            for tiers in (partage.intervenants_tiers if partage else [])
        ],
        "rgpd": _gdpr(rgpd, names, draft),
        "precisions": partage.precisions if partage else None,
    }


def objectable_art21(flow: Flux) -> bool:
    """Whether the clause tells that a person may object to ``flow`` under article 21."""
    return flow.base_art6 in ART21_BASES and flow.base_legale not in CHILD_PROTECTION_BASES


def _objectable(flows: list[Flux]) -> str | None:
    """« à l’échange « Orientation » » or « aux échanges « A » et « B » »: the flows whose
    person may object, when others' may not; None when all or none may."""
    named = [f"« {f.intitule} »" for f in flows if f.objection_printed]
    if not named or len(named) == len(flows):
        return None
    return f"{'à l’échange' if len(named) == 1 else 'aux échanges'} {formatting.join_list(named)}"


def _gdpr(rgpd: Any, names: dict[str, str], draft: bool) -> dict[str, Any] | None:
    if rgpd is None:
        return None
    roles = [
        view(
            role,
            draft,
            {
                "nom": name_or_gap(names, role.partie),
                "mandant_nom": name_or_gap(names, role.pour_le_compte_de)
                if role.pour_le_compte_de
                else None,
            },
        )
        for role in rgpd.roles
    ]
    information = rgpd.information
    informant = information.par if information else None
    return view(
        rgpd,
        draft,
        {
            "roles": roles,
            "delegues": named(rgpd.delegues, names, draft),
            "aipd_par_nom": optional_name(names, rgpd.aipd_par),
            "informe_par": optional_name(names, informant),
            "sous_traitant": any(r.role is RoleRgpd.SOUS_TRAITANT for r in rgpd.roles),
        },
        {
            "aipd_par_nom": ("aipd_par",),
            "informe_par": ("information",),
            "sous_traitant": ("roles",),
        },
    )


def sharing_visas(doc: SharedDocument) -> list[str]:
    """Legal texts on information sharing that the visas must cite."""
    bases = bases_used(doc.partage_information)
    keys: list[str] = []
    if bases & L1110_4_BASES:
        keys.append("csp_l1110_4")
        if BaseLegale.EQUIPE_SOINS_L1110_4 in bases:  # the care team it defines
            keys.append("csp_l1110_12")
        keys += ["csp_r1110_1_a_3", "decret_2016_994"]
    if bases & {BaseLegale.HORS_EQUIPE_L1110_4, BaseLegale.CONSENTEMENT}:
        keys.append("decret_2016_1349")
    if BaseLegale.INFORMATION_PREOCCUPANTE_L226_2_1 in bases:
        keys += ["casf_l226_2_1", "casf_l226_3"]
    if bases & {
        BaseLegale.PROTECTION_ENFANCE_L226_2_2,
        BaseLegale.INFORMATION_PREOCCUPANTE_L226_2_1,
    }:
        keys.append("casf_l226_2_2")
    if BaseLegale.ACTION_SOCIALE_L121_6_2 in bases:
        keys.append("casf_l121_6_2")
    keys.append("penal_226_13")
    if bases:
        keys += ["rgpd", "loi_78_17"]
    return keys


def reference_texts(keys: Iterable[str]) -> list[str]:
    return [references.REFERENCES[key] for key in dict.fromkeys(keys)]


def named(items: Iterable[Any], names: dict[str, str], draft: bool) -> list[dict[str, Any]]:
    """Items that refer to an organisation by ``partie`` code, with its short name as ``nom``."""
    return [view(item, draft, {"nom": name_or_gap(names, item.partie)}) for item in items]


def indicator_rows(doc: Any, names: dict[str, str], draft: bool, functioning: str) -> list[Any]:
    """The indicators annex: one row per indicator with its objective and its owner's name."""
    rows = []
    for path, indicateur in doc.indicators():
        objectif = doc.objectifs[int(path[1])].libelle if path[0] == "objectifs" else functioning
        rows.append(
            view(
                indicateur,
                draft,
                {
                    "objectif": objectif,
                    "responsable_nom": optional_name(names, indicateur.responsable),
                },
            )
        )
    return rows
