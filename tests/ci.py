"""What « running in CI » means for the tests, and what changes when it is so.

In CI (the environment variable CI is "true" or "1", as `.ci/run` sets it) the slow
tests run, and a test whose facility is missing (LibreOffice, user namespaces,
``chattr``...) fails instead of being skipped, so that a missing package cannot turn
a check silently off. On a developer's machine such tests are skipped with a French
reason, and the slow tests are deselected unless CONVGEN_TESTS_LENTS=1
(``make test-complet``) asks for them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import pytest

SLOW_MARKER = "lent"
SLOW_VARIABLE = "CONVGEN_TESTS_LENTS"

Test = TypeVar("Test", bound=Callable[..., Any])


def in_ci() -> bool:
    """THE definition of running in CI: CI=true or CI=1."""
    return os.environ.get("CI") in {"true", "1"}


def slow_tests_wanted() -> bool:
    """The slow tests (marker « lent ») run in CI or when CONVGEN_TESTS_LENTS=1."""
    return in_ci() or os.environ.get(SLOW_VARIABLE) == "1"


def unavailable(reason: str) -> NoReturn:
    """A facility the running test needs is missing: it fails in CI, is skipped elsewhere."""
    if in_ci():
        pytest.fail(f"{reason} (obligatoire en CI)", pytrace=False)
    pytest.skip(reason)


def needs(available: bool, reason: str) -> Callable[[Test], Test]:
    """Decorate a test that needs something of the machine. When it is missing, the
    test is skipped with ``reason`` outside CI (before its fixtures are set up) and
    fails with it in CI."""

    def decorate(test: Test) -> Test:
        if available:
            return test
        if not in_ci():
            return pytest.mark.skip(reason=reason)(test)

        @functools.wraps(test)
        def missing(*_: Any, **__: Any) -> None:
            unavailable(reason)

        return missing  # type: ignore[return-value]

    return decorate
