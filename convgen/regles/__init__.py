"""The rule catalogue: importing this package registers every rule family."""

from convgen.regles import (  # noqa: F401  (imported for registration)
    charte,
    coherence,
    convention,
    dates,
    evaluation,
    fond,
    forme,
    gcsms,
    gcsms_fond,
    gcsms_instances,
    identifiants,
    juridiction,
    membres,
    partage,
    partage_acteurs,
    reseau_outils,
    rgpd,
    rgpd_traitement,
    signataires,
    texte_libre,
    texte_libre_clauses,
)
from convgen.regles.base import RULES, Finding, Level, Rule, RuleContext, rules_for, run_rules

__all__ = ["RULES", "Finding", "Level", "Rule", "RuleContext", "rules_for", "run_rules"]
