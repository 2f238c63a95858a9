# convgen — commandes de développement. `make exemples` et `make test` suffisent
# sur une machine neuve : ils créent l'environnement virtuel au besoin.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installe
SORTIE := sortie/exemples
EXEMPLES := $(wildcard exemples/*.yaml)

.PHONY: exemples test test-complet check lint types modeles schemas docs golden clean

$(STAMP): pyproject.toml constraints.txt setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

## Génère chaque exemple de exemples/ dans sortie/exemples/.
exemples: $(STAMP)
	@mkdir -p $(SORTIE)
	@for f in $(EXEMPLES); do \
		$(BIN)/convgen generer "$$f" -o "$(SORTIE)/$$(basename "$$f" .yaml).docx" || exit 1; \
	done

# Les cas longs (marqueur « lent » : limites de temps réelles, pannes répétées,
# propriétés sur de nombreuses entrées) tournent en CI (CI=true ou CI=1) et avec
# test-complet (CONVGEN_TESTS_LENTS=1) ; ailleurs pytest les désélectionne. C'est
# tests/conftest.py qui en décide (tests/ci.py : in_ci), pas ce Makefile.

## Lance la suite de tests (sans les cas longs, sauf en CI).
test: $(STAMP)
	$(BIN)/pytest

## Lance toute la suite de tests, cas longs compris (comme la CI).
test-complet: $(STAMP)
	CONVGEN_TESTS_LENTS=1 $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check convgen tests bench
	$(BIN)/ruff format --check convgen tests bench
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy

## Vérifie les modèles Word (balises, variables, plan des articles, rendu des exemples).
modeles: $(STAMP)
	$(BIN)/convgen modeles verifier

## Régénère les schémas JSON des formats d'entrée (convgen/schemas/) ; relisez le diff.
schemas: $(STAMP)
	@for t in convention_partenariat charte_reseau convention_constitutive_gcsms; do \
		$(BIN)/convgen schema $$t -o convgen/schemas/$$t.schema.json || exit 1; \
	done

## Régénère docs/variables.md (variables des modèles) et docs/regles.md (catalogue des règles).
docs: $(STAMP)
	$(BIN)/convgen modeles variables > docs/variables.md
	$(BIN)/convgen regles --format md > docs/regles.md

## Ce que la CI exécute : style, types, modèles, tests.
check: lint types modeles test

## Régénère les textes de référence (tests/golden/) : relisez le diff avant de valider.
golden: $(STAMP)
	CONVGEN_GOLDEN=1 $(BIN)/pytest tests/test_golden.py -q
	git --no-pager diff --stat -- tests/golden

## Campagne de fuzzing bornée dans le temps (options : make fuzz FUZZ="--secondes 600").
.PHONY: fuzz
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py $(FUZZ)

.PHONY: bench
## Mesure l'atelier (première page, section soumise), le PDF (pool LibreOffice face à un
## lancement par document), puis la régénération par lots face à une boucle docxtpl naïve
## (environ 7 minutes sur 2 cœurs) ; la dernière ligne reste celle des lots ;
## options : make bench BENCH="--documents 1000 --noop 0" BENCH_PDF="--documents 100".
bench: $(STAMP)
	$(BIN)/python bench/bench_atelier.py
	$(BIN)/python bench/bench_pdf.py $(BENCH_PDF)
	$(BIN)/python bench/bench_regenerer.py $(BENCH)

clean:
	rm -rf $(VENV) sortie .pytest_cache .mypy_cache .ruff_cache
