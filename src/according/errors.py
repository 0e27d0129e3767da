"""The AccordingError hierarchy; every error carries a reason code a program can test."""

from __future__ import annotations

from collections.abc import Iterable


class AccordingError(Exception):
    """Base class: a clear message for a person, `reason` for a program."""

    reason: str = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class InputError(AccordingError, ValueError):
    """The input cannot be analysed (empty, binary, undecodable, no article body ...)."""

    reason = "bad_input"


class ModelNotFound(AccordingError, OSError):
    """No spaCy model could be loaded; the message says how to install one."""

    reason = "model_not_found"


class FormatError(AccordingError, ValueError):
    """An unknown format or option value."""

    reason = "bad_format"


def value_invalid_msg(name: str, value: object, allowed: Iterable[object]) -> str:
    """'Invalid value for NAME: VALUE; allowed: ...' (as textacy's errors helper)."""
    return f"invalid value for {name}: {value!r}; allowed: {', '.join(repr(a) for a in allowed)}"
