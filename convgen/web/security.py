"""What every request must show: the token, a local Host, a bounded body, the CSRF token.

The atelier holds personal data: like Jupyter, it answers only to the browser that was
given the printed address (token, then an HttpOnly cookie), only under its own host
name (DNS rebinding), and changes nothing without the form's CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_BODY = 2 * 1024 * 1024
COOKIE = "convgen_atelier"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Secrets:
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    port: int = 0

    def hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}


class Guard:
    """ASGI middleware refusing any request without the token or from another host."""

    def __init__(self, app: ASGIApp, keys: Secrets) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self.check(request)
        if response is None:
            await self.app(scope, _bounded(receive), send)
            return
        await response(scope, receive, send)

    def check(self, request: Request) -> Response | None:
        if request.headers.get("host", "") not in self.keys.hosts():
            return refused(403, "Hôte refusé : l'atelier ne répond qu'à 127.0.0.1.")
        origin = request.headers.get("origin")
        if origin and URL(origin).netloc not in self.keys.hosts():
            return refused(403, "Origine refusée.")
        if _length(request) > MAX_BODY:
            return refused(413, "Requête trop volumineuse.")
        given = request.query_params.get("jeton")
        if given is not None and secrets.compare_digest(given, self.keys.token):
            return _remember(request, self.keys.token)
        cookie = request.cookies.get(COOKIE, "")
        if not secrets.compare_digest(cookie, self.keys.token):
            return refused(
                403,
                "Accès refusé : ouvrez l'adresse complète affichée par « convgen atelier » "
                "(elle contient un jeton).",
            )
        return None


def _length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length", "0"))
    except ValueError:
        return MAX_BODY + 1


def _remember(request: Request, token: str) -> Response:
    """The token goes into a cookie, and out of the address bar and the history."""
    response = RedirectResponse(request.url.remove_query_params("jeton"), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def refused(status: int, message: str) -> Response:
    return PlainTextResponse(message, status_code=status, headers=HEADERS)


def _bounded(receive: Receive) -> Receive:
    """The body, refused past MAX_BODY even when no Content-Length announced it."""
    seen = 0

    async def bounded() -> dict[str, object]:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > MAX_BODY:
            raise Refused(413, "Requête trop volumineuse.")
        return dict(message)

    return bounded


async def read_form(request: Request, keys: Secrets) -> dict[str, str]:
    """A posted form (url-encoded), after its CSRF token is checked. Raises Refused."""
    body = await request.body()
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=5000)
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "Formulaire illisible.") from None
    form = dict(pairs)
    if not secrets.compare_digest(form.pop("_csrf", ""), keys.csrf):
        raise Refused(403, "Formulaire refusé : jeton CSRF absent ou faux. Rechargez la page.")
    return form
