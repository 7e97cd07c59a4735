"""Errors that name what went wrong and where, for the CLI and the web service to show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.subject}: {self.message}"


class KBError(Exception):
    """Base class of errors a user can act on (exit code 2 on the CLI, 4xx on HTTP)."""


class KBLoadError(KBError):
    """The knowledge base could not be loaded; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"the knowledge base was not loaded ({len(problems)} problem(s)):\n{head}{more}")


class UnknownInput(KBError):
    """A state, treaty, mechanism, date or offence the user named does not exist."""

    def __init__(self, what: str, value: str, hint: str = "") -> None:
        self.what = what
        self.value = value
        self.hint = hint
        super().__init__(f"unknown {what}: {value!r}" + (f" ({hint})" if hint else ""))


class NotFound(UnknownInput):
    """An unknown input named in a URL's path (HTTP 404); named in the query string it is a 400."""

    @classmethod
    def of(cls, exc: UnknownInput) -> NotFound:
        return cls(exc.what, exc.value, exc.hint)
