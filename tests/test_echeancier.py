"""The calendar of obligations: calendar arithmetic, the folder view, the four formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, changes, check, example, render_validated, write_yaml
from icalendar import Calendar

from convgen.cli import main as cli
from convgen.echeances.calcul import Obligation, _every, obligations
from convgen.echeances.formats import Entry
from convgen.echeances.jours import act_before, regions_of, working_day_of_its_month
from convgen.schema.commun import Frequence
from convgen.wording.dates import end_of_term, whole_months_between
from convgen.wordml.text import docx_text

EXAMPLES = ROOT / "exemples"
FAR = dt.date(2040, 12, 31)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.cli, [str(a) for a in args], catch_exceptions=False)


def _dates(document: object, kind: str, until: dt.date = FAR) -> list[dt.date]:
    return [o.date for o in obligations(document, until) if o.kind == kind]  # type: ignore[arg-type]


def _convention(frequence: str = "semestrielle", **duree: object) -> object:
    data = example("chrs-csapa-addictions")
    data["duree"] = {"date_effet": "2026-01-31", **duree}
    data["instance_suivi"]["frequence"] = frequence
    validated = check(data, draft=True)
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    return validated.document


def test_monthly_rhythms_keep_to_the_month_end_and_leap_years() -> None:
    # The rhythm itself: each month's end, the 29th of February of a leap year…
    start = dt.date(2026, 1, 31)
    rhythm = [o.date for o in _every(Frequence.MENSUELLE, start, FAR, "reunion", "Réunion")]
    assert rhythm[:3] == [dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    assert dt.date(2028, 2, 29) in rhythm
    # … and in the calendar, on a working day of the same month: Saturday 28 February
    # 2026 becomes Friday 27 (Tuesday 29 February 2028 stays).
    meetings = _dates(_convention("mensuelle", duree_mois=12), "reunion")
    assert meetings[:3] == [dt.date(2026, 2, 27), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    assert dt.date(2028, 2, 29) in _dates(_convention("mensuelle", duree_mois=36), "reunion")
    assert _dates(_convention(duree_mois=36), "echeance") == [dt.date(2029, 1, 30)]


def test_the_calendar_keeps_to_working_days_and_says_when_a_deadline_falls_on_a_day_off() -> None:
    """The IT person found a quarterly meeting on 1 May and on Sunday 1 August, and a
    payment due on a Sunday without a word."""
    data = example("cada-empp-sante-mentale")
    found = obligations(check(data).document, dt.date(2028, 6, 1))  # type: ignore[arg-type]
    meetings = [o.date for o in found if o.kind == "reunion"]
    assert dt.date(2027, 5, 3) in meetings and dt.date(2027, 5, 1) not in meetings  # 1 May
    assert dt.date(2027, 8, 2) in meetings and dt.date(2027, 8, 1) not in meetings  # Sunday
    assert all(o.date.weekday() < 5 for o in found if o.kind in ("reunion", "evaluation"))
    (sunday,) = [o for o in found if o.kind == "versement" and o.date == dt.date(2027, 1, 31)]
    assert sunday.label.endswith(" – tombe un dimanche : au plus tard le vendredi 29 janvier 2027")
    (holiday,) = [o for o in found if o.kind == "versement" and o.date == dt.date(2026, 10, 31)]
    assert holiday.label.endswith("tombe un samedi : au plus tard le vendredi 30 octobre 2026")
    working = [o for o in found if o.kind == "versement" and o.date == dt.date(2026, 4, 30)]
    assert working and "tombe" not in working[0].label


def test_a_term_from_the_29th_of_february_ends_on_the_28th() -> None:
    data = example("chrs-csapa-addictions")
    data["duree"] = {"date_effet": "2028-02-29", "duree_mois": 12}
    document = check(data, draft=True).document
    assert _dates(document, "echeance") == [dt.date(2029, 2, 28)]


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2026-01-01", 12, "2026-12-31"),
        ("2026-03-01", 1, "2026-03-31"),
        ("2026-05-15", 36, "2029-05-14"),
        ("2026-03-31", 1, "2026-04-30"),  # no 31 April: the term ends on the 30th
        ("2026-01-31", 1, "2026-02-28"),
        ("2026-01-30", 1, "2026-02-28"),
        ("2026-08-31", 6, "2027-02-28"),
        ("2028-01-31", 1, "2028-02-29"),
    ],
)
def test_a_term_in_months_ends_on_the_eve_of_the_same_day_or_on_a_short_month_end(
    start: str, months: int, end: str
) -> None:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    assert end_of_term(first, months) == last
    assert whole_months_between(first, last) == months  # read back from an end date


def test_a_convention_from_the_31st_of_march_for_one_month_runs_to_the_30th_of_april() -> None:
    data = example("chrs-csapa-addictions")
    data["duree"] = {"date_effet": "2026-03-31", "duree_mois": 1}
    validated = check(data, draft=True)
    assert _dates(validated.document, "echeance") == [dt.date(2026, 4, 30)]
    assert "jusqu’au 30 avril 2026 inclus" in docx_text(render_validated(validated, draft=True))


def test_tacit_renewals_cross_years_with_a_notice_deadline_in_days_before_each() -> None:
    in_days = changes(duree__preavis_non_reconduction_mois=None)(example("cada-empp-sante-mentale"))
    in_days["duree"]["preavis_non_reconduction_jours"] = 60
    document = check(in_days).document
    ends = _dates(document, "echeance")
    notices = _dates(document, "preavis_non_reconduction")
    assert len(ends) == 3  # the initial term and its two renewals
    assert all(later.year == earlier.year + 1 for earlier, later in itertools.pairwise(ends))
    gaps = [end - notice for end, notice in zip(ends[:2], notices, strict=True)]
    assert gaps == [dt.timedelta(days=60)] * 2
    deadlines = [o for o in obligations(document, FAR) if o.kind == "preavis_non_reconduction"]
    assert all(o.deadline and "préavis de soixante (60)" in o.label for o in deadlines)


def test_a_gcsms_withdrawal_notice_in_months_falls_six_months_before_the_year_end() -> None:
    document = check(example("gcsms-mixte-ccas-ehpad")).document
    limits = _dates(document, "limite_retrait", dt.date(2028, 12, 31))
    assert limits == [dt.date(2026, 6, 30), dt.date(2027, 6, 30), dt.date(2028, 6, 30)]
    assert _dates(document, "budget", dt.date(2027, 12, 31)) == [
        dt.date(2026, 10, 31),
        dt.date(2027, 10, 31),
    ]
    # The declaration's receipt is not known yet: the mandate is counted from the signature.
    assert _dates(document, "fin_mandat") == [dt.date(2029, 2, 26)]
    received = changes(publication__date_reception_declaration="2026-04-01")(
        example("gcsms-mixte-ccas-ehpad")
    )
    assert _dates(check(received).document, "fin_mandat") == [dt.date(2029, 3, 31)]
    assert _dates(check(received).document, "fin_duree") == [dt.date(2036, 3, 31)]


def test_nothing_of_a_gcsms_falls_before_it_is_signed() -> None:
    """Signed in December: the withdrawal notice due the June before, and the budget vote
    of the October before, are no deadlines (they were listed)."""
    data = changes(signature__date="2026-12-15")(example("gcsms-mixte-ccas-ehpad"))
    document = check(data, draft=True).document
    found = obligations(document, dt.date(2028, 12, 31))
    assert found and min(o.date for o in found) >= dt.date(2026, 12, 15)
    assert _dates(document, "limite_retrait", dt.date(2028, 12, 31)) == [
        dt.date(2027, 6, 30),
        dt.date(2028, 6, 30),
    ]
    # The 2027 budget, due by the October before, is voted as soon as the group exists.
    assert _dates(document, "budget", dt.date(2027, 12, 31)) == [
        dt.date(2026, 12, 15),
        dt.date(2027, 10, 31),
    ]


def test_a_convention_past_its_term_has_nothing_left_in_the_period(tmp_path: Path) -> None:
    data = example("chrs-csapa-addictions")
    data["duree"] = {"date_effet": "2020-01-01", "duree_mois": 24}
    data["signature"]["date"] = "2019-12-01"
    for party in data["parties"]:  # the decisions to sign came before the signature (DT-01)
        for act in ("delegation", "habilitation"):
            if party.get(act):
                party[act]["date"] = "2019-11-15"
    path = write_yaml(tmp_path / "ancienne.yaml", data)
    result = run("echeancier", path, "--depuis", "2026-01-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    past = run("echeancier", path, "--depuis", "2021-06-01", "--jusqu-au", "2022-12-31")
    assert "31 décembre 2021 : Échéance de la convention" in past.output


def test_the_folder_ics_parses_with_stable_uids_and_an_alarm_before_each_notice(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for target in (first, second):
        args = ("--depuis", "2026-01-01", "--jusqu-au", "2030-12-31", "--format", "ics")
        assert run("echeancier", EXAMPLES, *args, "-o", target).exit_code == 0
    events = list(Calendar.from_ical(first.read_bytes()).walk("VEVENT"))
    again = list(Calendar.from_ical(second.read_bytes()).walk("VEVENT"))
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in again]
    assert len({str(e["uid"]) for e in events}) == len(events)
    notices = [e for e in events if "préavis" in str(e["summary"])]
    assert notices and all(e.walk("VALARM") for e in notices)
    # So do the decisions and votes due by a day (a GCSMS's budget and accounts…).
    reminded = {"budget", "comptes", "fin_mandat", "decision_renouvellement"}
    due = [e for e in events if reminded & set(_kinds(e))]
    assert {k for e in due for k in _kinds(e)} >= reminded
    assert all(e.walk("VALARM") for e in due)
    meetings = [e for e in events if "reunion" in _kinds(e)]
    assert meetings and not any(e.walk("VALARM") for e in meetings)
    tacit = [p for p in EXAMPLES.glob("*.yaml") if "reconduction: tacite" in p.read_text()]
    assert tacit
    for path in tacit:
        assert any(str(path.name) in str(e["description"]) for e in notices), path.name


def test_json_and_csv_name_the_document_its_parties_and_the_clause() -> None:
    args = ("--depuis", "2026-06-01", "--jusqu-au", "2026-08-31")
    records = json.loads(run("echeancier", EXAMPLES, *args, "--format", "json").output)
    assert records == sorted(records, key=lambda r: r["date"])
    assert set(records[0]) == {
        "date",
        "type",
        "libelle",
        "preavis",
        "document",
        "titre",
        "parties",
        "clause",
    }
    assert all("2026-06-01" <= r["date"] <= "2026-08-31" for r in records)
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("echeancier", EXAMPLES, *args, "--format", "csv").output.lstrip("\ufeff")
            ),
            delimiter=";",
        )
    )
    assert [r["date"] for r in rows] == [r["date"] for r in records]
    assert {r["preavis"] for r in rows} <= {"oui", "non"}


def test_an_invalid_input_stops_the_calendar_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "cassee.yaml"
    broken.write_text("type: convention_partenariat\ntitre: 3\n", encoding="utf-8")
    target = tmp_path / "e.ics"
    result = run("echeancier", EXAMPLES, broken, "--format", "ics", "-o", target)
    assert result.exit_code == 1
    assert f"{broken}:" in result.output
    assert "Aucun échéancier n'a été produit (--partiel pour celui des fichiers valides)." in (
        result.output
    )
    assert not target.exists()


def test_partiel_writes_the_calendar_of_the_valid_inputs_and_still_fails(tmp_path: Path) -> None:
    """Hundreds of files kept by several people: one typo no longer leaves the
    federation without a calendar when it asks for one; the files in error are listed,
    their deadlines left out, and the exit code still says something is wrong."""
    broken = tmp_path / "cassee.yaml"
    broken.write_text("type: convention_partenariat\ntitre: 3\n", encoding="utf-8")
    target = tmp_path / "e.ics"
    whole = run("echeancier", EXAMPLES, "--format", "ics", "-o", tmp_path / "tout.ics")
    assert whole.exit_code == 0
    result = run("echeancier", EXAMPLES, broken, "--format", "ics", "-o", target, "--partiel")
    assert result.exit_code == 1
    assert f"{broken}:" in result.output
    assert "Échéancier partiel : les échéances de 1 fichier en erreur n'y figurent pas." in (
        result.output
    )
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    expected = Calendar.from_ical((tmp_path / "tout.ics").read_bytes()).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [str(e["uid"]) for e in expected]
    # No valid file at all: a calendar of nothing never replaces the one there.
    before = target.read_bytes()
    result = run("echeancier", broken, "--format", "ics", "-o", target, "--partiel")
    assert result.exit_code == 1
    assert result.output.rstrip().endswith("Aucun échéancier n'a été produit.")
    assert target.read_bytes() == before


def test_a_json_calendar_among_the_inputs_is_named_for_what_it_is(tmp_path: Path) -> None:
    """Saved in the input folder, a JSON calendar is read by regenerer as an input: its
    failure says what it is, rather than « paires clé: valeur » at its root."""
    folder = tmp_path / "conventions"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    saved = folder / "echeances.json"
    assert run("echeancier", folder, "--format", "json", "-o", saved).exit_code == 0
    result = run("regenerer", folder, "-o", tmp_path / "documents", "-j", "1")
    assert result.exit_code == 1
    assert (
        f"{saved}:1: ce fichier est un échéancier écrit par « convgen echeancier --format "
        "json », non un fichier d'entrée : rangez-le hors du dossier d'entrées"
    ) in result.output


def test_the_calendar_never_replaces_an_input(tmp_path: Path) -> None:
    """-o naming an input, named or found in a folder, is refused before anything is
    written; a schedule written before into the folder read is not read as an input."""
    folder = tmp_path / "conventions"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    source = folder / "chrs-csapa-addictions.yaml"
    before = source.read_bytes()
    for named in (folder, source):
        result = run("echeancier", named, "--format", "json", "-o", source)
        assert result.exit_code == 2
        assert "l'échéancier remplacerait un fichier d'entrée" in result.output
        assert source.read_bytes() == before
    target = folder / "echeances.json"
    first = run("echeancier", folder, "--format", "json", "-o", target)
    again = run("echeancier", folder, "--format", "json", "-o", target)
    assert first.exit_code == again.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))


def test_an_empty_period_is_refused() -> None:
    result = run("echeancier", EXAMPLES, "--depuis", "2027-01-01", "--jusqu-au", "2026-01-01")
    assert result.exit_code == 2
    assert (
        "période vide : la fin (--jusqu-au, 1er janvier 2026) précède le début "
        "(--depuis, 1er janvier 2027)" in result.output
    )


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_has_its_signature_and_its_stated_start(path: Path) -> None:
    data = example(path.stem)
    document = check(data, draft=True).document
    found = {o.kind: o for o in obligations(document, FAR)}
    assert found["signature"].date.isoformat() == str(data["signature"]["date"])
    stated = (data.get("duree") or {}).get("date_effet")
    if stated is not None:  # a GCSMS may start with its legal personality instead
        assert found["prise_effet"].date.isoformat() == str(stated)
    assert all(isinstance(o, Obligation) for o in found.values())


def test_a_folder_is_walked_like_regenerer_walks_it(tmp_path: Path) -> None:
    """Hidden entries skipped; a link out of the folder refused with its reason."""
    folder = tmp_path / "conventions"
    (folder / ".brouillons").mkdir(parents=True)
    shutil.copy(EXAMPLES / "cada-empp-sante-mentale.yaml", folder / "cada.yaml")
    (folder / ".brouillons" / "cassee.yaml").write_text("titre: 3\n", encoding="utf-8")
    args = ("--depuis", "2026-01-01", "--format", "json")
    records = json.loads(run("echeancier", folder, *args).output)
    assert {Path(r["document"]).name for r in records} == {"cada.yaml"}
    outside = tmp_path / "ailleurs.yaml"
    shutil.copy(EXAMPLES / "chrs-csapa-addictions.yaml", outside)
    (folder / "lien.yaml").symlink_to(outside)
    result = run("echeancier", folder, *args)
    assert result.exit_code == 1
    assert "lien symbolique vers un fichier hors du dossier d'entrées : refusé" in result.output


def test_nothing_is_scheduled_after_the_last_tacit_renewal_ends() -> None:
    document = check(example("cada-empp-sante-mentale")).document  # renewed twice, tacitly
    last = _dates(document, "echeance")[-1]
    assert [o for o in obligations(document, FAR) if o.date > last] == []
    assert _dates(document, "reunion")[-1] <= last
    assert _dates(document, "evaluation")[-1] <= last


def test_ics_identifiers_do_not_depend_on_how_the_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "conventions"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    args = ("--depuis", "2026-01-01", "--jusqu-au", "2027-12-31", "--format", "ics")

    def uids(named: str | Path) -> list[str]:
        exported = run("echeancier", named, *args)
        assert exported.exit_code == 0, exported.output
        return [str(e["uid"]) for e in Calendar.from_ical(exported.output).walk("VEVENT")]

    absolute = uids(folder)
    monkeypatch.chdir(tmp_path)
    assert uids("conventions") == absolute
    monkeypatch.chdir(folder)
    assert uids(".") == absolute
    moved = Path(shutil.move(folder, tmp_path / "archives"))  # or mounted elsewhere
    assert uids(moved) == absolute


def test_an_impossible_date_is_told_impossible_not_misformatted() -> None:
    result = run("echeancier", EXAMPLES, "--depuis", "2026-02-30")
    assert result.exit_code == 2
    assert "date impossible « 2026-02-30 » : ce mois ou ce jour n'existe pas" in result.output
    result = run("echeancier", EXAMPLES, "--depuis", "2026-13-01")
    assert "date impossible « 2026-13-01 » : ce mois ou ce jour n'existe pas" in result.output
    result = run("echeancier", EXAMPLES, "--depuis", "30/02/2026")
    assert "« 30/02/2026 » : date attendue au format AAAA-MM-JJ" in result.output


def test_a_stated_end_date_is_the_calendar_s_end_as_it_is_the_document_s() -> None:
    data = example("chrs-csapa-addictions")
    data["duree"] = {"date_effet": "2026-01-01", "date_fin": "2026-06-15"}
    validated = check(data, draft=True)
    assert validated.ok, [str(p) for p in validated.problems if p.is_error]
    assert _dates(validated.document, "echeance") == [dt.date(2026, 6, 15)]  # was 31 May
    assert _dates(validated.document, "bilan_final") == [dt.date(2026, 6, 15)]
    assert "15 juin 2026" in docx_text(render_validated(validated, draft=True))


def test_the_final_review_comes_before_the_renewal_it_informs() -> None:
    """« renouvelée … au vu du bilan final »: dated on the expiry day, the review would come
    after a tacit renewal had become automatic (a federation's IT person found it so)."""
    tacit = check(example("cada-empp-sante-mentale")).document
    notice = _dates(tacit, "preavis_non_reconduction")[0]
    assert _dates(tacit, "bilan_final") == [notice] == [dt.date(2026, 11, 30)]
    express = check(example("chrs-csapa-addictions")).document  # 2026-2028, express renewal
    assert _dates(express, "bilan_final") == [dt.date(2028, 9, 30)]
    assert _dates(express, "decision_renouvellement") == [dt.date(2028, 9, 30)]


def test_a_script_that_asked_for_json_reads_why_no_calendar_was_made(tmp_path: Path) -> None:
    """Nothing on stdout made a JSON parser fail: one object says the refusal and the
    problems, as regenerer does (the messages are still on stderr)."""
    broken = tmp_path / "cassee.yaml"
    broken.write_text("type: convention_partenariat\ntitre: 3\n", encoding="utf-8")
    result = run("echeancier", broken, "--format", "json")
    assert result.exit_code == 1
    refusal = json.loads(result.stdout)
    assert refusal["erreur"]["message"] == "Aucun échéancier n'a été produit."
    assert refusal["problemes"] and {p["fichier"] for p in refusal["problemes"]} == {str(broken)}


def test_a_calendar_names_each_document_once_with_its_reference() -> None:
    """« Charte de réseau Réseau Domicile… » said « réseau » twice; eight charters' same
    deadline could only be told apart by their file path."""
    args = ("--depuis", "2026-01-01", "--jusqu-au", "2027-12-31", "--format", "json")
    titles = {r["titre"] for r in json.loads(run("echeancier", EXAMPLES, *args).output)}
    assert "Charte du Réseau Domicile Solidaire du Plateau de Maîche" in titles
    assert not [t for t in titles if "réseau Réseau" in t]
    assert [t for t in titles if t.endswith(" – réf. CP-2026-014")]


def _kinds(event: Any) -> list[str]:
    """The categories of an event (« convgen » and its kind of obligation)."""
    return [str(c) for c in event["categories"].cats]


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (
            "2027-11-01",
            "tombe un jour férié (Toussaint) : au plus tard le vendredi 29 octobre 2027",
        ),
        (
            "2027-05-17",
            "tombe un jour férié (Lundi de Pentecôte) : au plus tard le vendredi 14 mai 2027",
        ),
        ("2027-05-08", "tombe un samedi : au plus tard le vendredi 7 mai 2027"),
        ("2026-12-28", None),  # a Monday, no holiday
    ],
)
def test_a_day_off_is_named_with_the_working_day_before(day: str, said: str | None) -> None:
    assert act_before(dt.date.fromisoformat(day)) == said


def test_alsace_and_moselle_count_their_own_two_holidays_where_a_party_has_its_seat() -> None:
    """Good Friday and 26 December are days off in Alsace and Moselle only: a payment due
    on Good Friday 2026 says so when the interpreters' association is seated in
    Strasbourg, and nothing when it is seated in Paris."""
    data = example("cada-empp-sante-mentale")
    data["dispositions_financieres"]["versements"][0]["echeancier"][0]["date"] = "2026-04-03"
    until = dt.date(2027, 6, 1)

    def payment(found: list[Obligation]) -> Obligation:
        (due,) = [o for o in found if o.kind == "versement" and o.date == dt.date(2026, 4, 3)]
        return due

    in_paris = payment(obligations(check(data).document, until))  # type: ignore[arg-type]
    assert "tombe" not in in_paris.label
    data["parties"][2]["adresse"] = {
        "voie": "12 rue du Dôme",
        "code_postal": "67000",
        "commune": "Strasbourg",
    }
    in_strasbourg = payment(obligations(check(data).document, until))  # type: ignore[arg-type]
    assert in_strasbourg.label.endswith(
        " – tombe un jour férié en Alsace (Vendredi saint) : au plus tard le jeudi 2 avril 2026"
    )

    # The calendar event keeps its identifier: a re-import updates it, not duplicates it.
    def uid(due: Obligation) -> str:
        return Entry(due, "cada.yaml", "", (), "cada.yaml").uid()

    assert uid(in_strasbourg) == uid(in_paris)


@pytest.mark.parametrize(
    ("seats", "day", "said"),
    [
        (
            ["57000"],
            "2028-12-26",
            "tombe un jour férié en Moselle (Saint-Étienne) : au plus "
            "tard le vendredi 22 décembre 2028",
        ),
        (
            ["68100", "57000"],
            "2027-03-26",
            "tombe un jour férié en Alsace et en Moselle "
            "(Vendredi saint) : au plus tard le jeudi 25 mars 2027",
        ),
        (["75011", "93200"], "2027-03-26", None),
    ],
)
def test_a_local_holiday_is_named_with_its_region(
    seats: list[str], day: str, said: str | None
) -> None:
    assert act_before(dt.date.fromisoformat(day), regions_of(seats)) == said


def test_a_meeting_on_good_friday_in_alsace_moves_past_easter_monday() -> None:
    # Friday 3 April 2026 (Good Friday there), the weekend, Easter Monday: Tuesday 7 April.
    alsace = regions_of(["67000"])
    assert working_day_of_its_month(dt.date(2026, 4, 3), alsace) == dt.date(2026, 4, 7)
    assert working_day_of_its_month(dt.date(2026, 4, 3)) == dt.date(2026, 4, 3)
