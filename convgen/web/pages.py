"""The atelier's pages: start, sections, problems, rules, result; the work is convgen.app."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from convgen.app import apercu, atelier
from convgen.app.answers import new_item_name
from convgen.app.atelier import Draft
from convgen.app.questionnaire import Section, attach_problems, section_of
from convgen.app.regles import Entry, catalogue
from convgen.app.wording import for_the_page
from convgen.errors import ConvgenError, ValidationFailed, counted_severities
from convgen.validation.labels import path_label
from convgen.validation.validator import Validation
from convgen.web.security import HEADERS, Guard, Refused, Secrets, read_form, refused

STATIC = Path(__file__).resolve().parent / "static"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGES = Environment(
    loader=PackageLoader("convgen.web", "pages"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
PAGES.globals["new_item_name"] = new_item_name
PAGES.globals["libelle_chemin"] = path_label
PAGES.filters["pour_la_page"] = for_the_page
PAGES.globals["gravites"] = counted_severities  # « 1 erreur », « 2 avertissements »


@dataclass
class Atelier:
    """What the server holds: the folder, the secrets, the draft being filled in."""

    folder: atelier.Folder
    keys: Secrets
    templates_dir: Path
    draft: atelier.Draft | None = None
    message: str = ""
    errors: list[str] = field(default_factory=list)
    images: list[bytes] = field(default_factory=list)  # the last page images rendered


Handler = Callable[[Request], Awaitable[Response]]


def build(state: Atelier) -> Guard:
    """The ASGI application, behind its guard."""
    routes = [
        Route("/", _home(state)),
        Route("/nouveau", _new(state), methods=["POST"]),
        Route("/ouvrir", _open(state), methods=["POST"]),
        Route("/exemple", _example(state), methods=["POST"]),
        Route("/section/{key}", _section(state), methods=["GET", "POST"]),
        Route("/problemes", _problems(state)),
        Route("/regles", _rules(state)),
        Route("/resultat", _result(state)),
        Route("/enregistrer", _save(state), methods=["POST"]),
        Route("/telecharger/{what}", _download(state)),
        Route("/pages", _pages(state)),
        Route("/pages/{number:int}.png", _image(state)),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={Refused: _refused})
    return Guard(app, state.keys)


async def _refused(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return refused(exc.status, exc.message)


def page(state: Atelier, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("draft", state.draft)
    text = PAGES.get_template(name).render(csrf=state.keys.csrf, **values)
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def _go(url: str) -> Response:
    return RedirectResponse(url, status_code=303, headers=HEADERS)


def _home(state: Atelier) -> Handler:
    async def home(_: Request) -> Response:
        errors, state.errors = state.errors, []
        return page(
            state,
            "accueil.html",
            types=atelier.document_types(),
            files=state.folder.inputs(),
            examples=atelier.shipped_examples(),
            folder=state.folder.root,
            errors=errors,
        )

    return home


def _starting(state: Atelier, start: Callable[[dict[str, str]], Draft]) -> Handler:
    """A form that starts a draft (new, from an example, from a file of the folder), then
    goes to its first section; a refusal goes back home with its message."""

    async def starting(request: Request) -> Response:
        form = await read_form(request, state.keys)
        if state.draft is not None and state.draft.edited and form.get("abandon") != "oui":
            # Answers typed and not saved: leaving the draft is asked first, not done.
            kept = {k: v for k, v in form.items() if k not in ("_csrf", "abandon")}
            return page(state, "abandon.html", action=request.url.path, fields=kept)
        try:
            state.draft = start(form)
        except ConvgenError as exc:
            state.errors = [str(exc)]
            return _go("/")
        return _go(f"/section/{state.draft.sections[0].key}")

    return starting


def _new(state: Atelier) -> Handler:
    def start(form: dict[str, str]) -> Draft:
        make = atelier.starter_draft if form.get("depart") == "modele" else atelier.new_draft
        return make(form.get("type", ""))

    return _starting(state, start)


def _example(state: Atelier) -> Handler:
    return _starting(state, lambda form: atelier.example_draft(form.get("nom", "")))


def _open(state: Atelier) -> Handler:
    return _starting(state, lambda form: state.folder.open(form.get("nom", "")))


def _section(state: Atelier) -> Handler:
    async def section(request: Request) -> Response:
        draft = state.draft
        if draft is None:
            return _go("/")
        try:
            current = draft.section(request.path_params["key"])
        except ConvgenError:
            return page(state, "absent.html", 404)
        if request.method == "POST":
            return await _answer(state, draft, current, request)
        return _show(state, draft, current, bool(request.query_params.get("verifier")))

    return section


async def _answer(
    state: Atelier, draft: atelier.Draft, current: Section, request: Request
) -> Response:
    form = await read_form(request, state.keys)
    action = form.pop("_action", "verifier")
    leaving_for = form.pop("_aller", "")
    edit = action if action.startswith(("ajouter:", "retirer:")) else ""
    shown = ""
    try:
        shown = draft.answer(current, form, edit)
    except ConvgenError as exc:
        state.errors = [str(exc)]
    if action == "suivant":
        following = atelier.next_section(draft, current)
        return _go(f"/section/{following.key}" if following else "/resultat")
    if action == "aller" and _LOCAL_PAGE.fullmatch(leaving_for):
        # A link followed with answers typed (atelier.js): kept, then the page asked for.
        return _go(leaving_for)
    if shown:
        return _go(f"/section/{current.key}#{_anchor(shown)}")
    return _go(f"/section/{current.key}?verifier=1")


# A page of the atelier itself, never another site (« //ailleurs », « https:… »).
_LOCAL_PAGE = re.compile(r"/(?!/)[A-Za-z0-9_\-./]*(\?[A-Za-z0-9_=&\-]*)?(#[A-Za-z0-9_\-]*)?")


def _anchor(name: str) -> str:
    return "q-" + "".join(c if c.isalnum() or c == "_" else "-" for c in name)


def _show(state: Atelier, draft: atelier.Draft, current: Section, checked: bool) -> Response:
    validation = draft.check()
    found = draft.questions(current)
    shown = checked or current.key in draft.visited
    mine = [p for p in validation.problems if section_of(p.path, [current])] if shown else []
    mine = draft.reproached(mine)
    loose = attach_problems(found, mine)
    # The summary lists what blocks first, each labelled, in the page's order within.
    summary = sorted(mine, key=lambda p: not p.is_error)
    errors, state.errors = state.errors, []
    states = atelier.section_states(draft, validation)
    return page(
        state,
        "section.html",
        section=current,
        questions=found,
        loose=loose,
        problems=summary,
        states=states,
        position=[s.section.key for s in states].index(current.key) + 1,
        errors=errors,
        following=atelier.next_section(draft, current),
        checked=checked,
    )


def _problems(state: Atelier) -> Handler:
    async def problems(_: Request) -> Response:
        if state.draft is None:
            return _go("/")
        validation = state.draft.check()
        groups = atelier.problems_by_section(state.draft, validation.problems)
        summary = ", ".join(counted_severities(validation.problems))  # none at zero
        return page(
            state,
            "problemes.html",
            groups=groups,
            blocking=atelier.problems_by_section(state.draft, validation.problems, blocking=True),
            validation=validation,
            summary=summary,
            **_sections_list(state.draft, validation),
        )

    return problems


@functools.cache
def _catalogue() -> tuple[Entry, ...]:
    """The rules as ``convgen regles`` describes them (read once: a quarter of a second)."""
    return tuple(catalogue())


def _rules(state: Atelier) -> Handler:
    async def rules(_: Request) -> Response:
        return page(state, "regles.html", rules=_catalogue())

    return rules


def _result(state: Atelier) -> Handler:
    async def result(_: Request) -> Response:
        if state.draft is None:
            return _go("/")
        validation = state.draft.check()
        readable = atelier.readable(validation)
        for_draft = () if readable else state.draft.draft_blockers()
        preview_failure = ""
        try:
            articles = atelier.preview(validation, state.templates_dir)
        except ValidationFailed:  # answers missing: the problems above say which
            articles = []
        except ConvgenError as exc:  # the answers are readable: the template failed
            articles, preview_failure = [], str(exc)
        message, state.message = state.message, ""
        errors, state.errors = state.errors, []
        return page(
            state,
            "resultat.html",
            validation=validation,
            # Answers that could not be read (a word where a number is asked…): not even
            # the draft can be made until they are corrected.
            readable=readable,
            # Unreadable: what stops the draft first, then what stops the final version.
            draft_blocking=atelier.problems_by_section(state.draft, for_draft, blocking=True),
            blocking=atelier.problems_by_section(
                state.draft,
                [p for p in validation.problems if p not in for_draft],
                blocking=True,
            ),
            articles=articles,
            preview_failure=preview_failure,
            message=message,
            errors=errors,
            office=apercu.available(),
            **_sections_list(state.draft, validation),
        )

    return result


def _sections_list(draft: Draft, validation: Validation) -> dict[str, Any]:
    """What the list of sections beside a page needs (navigation.html): from the
    problems and the result pages too, a section without problems is one click away."""
    return {"states": atelier.section_states(draft, validation), "section": None}


def _pages(state: Atelier) -> Handler:
    async def pages(_: Request) -> Response:
        if state.draft is None:
            return _go("/")
        validation = state.draft.check()
        try:
            document = atelier.render(validation, state.templates_dir, draft=True)
            state.images = await run_in_threadpool(apercu.page_images, document)
        except ConvgenError as exc:
            state.errors = [str(exc)]
            return _go("/resultat")
        return page(state, "pages.html", count=len(state.images))

    return pages


def _image(state: Atelier) -> Handler:
    async def image(request: Request) -> Response:
        number = request.path_params["number"]
        if not 1 <= number <= len(state.images):
            return page(state, "absent.html", 404)
        return Response(state.images[number - 1], media_type="image/png", headers=HEADERS)

    return image


def _save(state: Atelier) -> Handler:
    async def save(request: Request) -> Response:
        form = await read_form(request, state.keys)
        if state.draft is None:
            return _go("/")
        try:
            path = state.folder.save(state.draft, form.get("nom", "").strip())
            state.message = f"Fichier enregistré : {path.name}"
        except ConvgenError as exc:
            state.errors = [str(exc)]
        return _go("/resultat")

    return save


_DOWNLOADS = {"brouillon.docx": (False, True), "definitif.docx": (False, False)}
_DOWNLOADS |= {"relecture.docx": (True, True), "relecture-definitive.docx": (True, False)}


def _download(state: Atelier) -> Handler:
    async def download(request: Request) -> Response:
        what = request.path_params["what"]
        if state.draft is None or what not in _DOWNLOADS:
            return page(state, "absent.html", 404)
        review, draft_mode = _DOWNLOADS[what]
        make = atelier.review_pack if review else atelier.render
        validation = state.draft.check()
        try:
            data = make(validation, state.templates_dir, draft=draft_mode)
        except ValidationFailed:
            state.errors = [
                "La version définitive n'a pas pu être produite : corrigez d'abord les "
                "problèmes bloquants ci-dessous, ou téléchargez le projet."
                if atelier.readable(validation) and not draft_mode
                else "Le document n'a pas pu être produit : donnez ou corrigez d'abord les "
                "réponses ci-dessous."
            ]
            return _go("/resultat")
        except ConvgenError as exc:  # the template failed (an edited one): said, not a 500
            state.errors = [
                "Le modèle Word n'a pas pu produire ce document (vos réponses n'y sont pour "
                f"rien : signalez-le à la personne qui gère les modèles) : {exc}"
            ]
            return _go("/resultat")
        name = atelier.download_name(state.draft, what)
        headers = {**HEADERS, "Content-Disposition": attachment(name)}
        return Response(data, media_type=DOCX, headers=headers)

    return download


def attachment(name: str) -> str:
    """The Content-Disposition of a download named ``name``: an accented name
    (« Charte réseau.projet.docx ») is sent encoded (RFC 6266), as browsers read it."""
    encoded = quote(name)
    if encoded == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename*=utf-8''{encoded}"
