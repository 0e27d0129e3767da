"""What the routes of one app share: the store, the analyzer and the limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends
from starlette.requests import Request

from according.api.analyzer import Analyzer

if TYPE_CHECKING:
    from according.store import Store


@dataclass
class AppState:
    """Shared by every request of one app (`app.state.according`)."""

    store: Store | None
    analyzer: Analyzer
    max_bytes: int


def get_state(request: Request) -> AppState:
    """The app's state, as a FastAPI dependency."""
    state: AppState = request.app.state.according
    return state


#: The app's state as a route parameter type.
State = Annotated[AppState, Depends(get_state)]
