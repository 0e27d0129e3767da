"""Run the analysis off the event loop, one article at a time, within a time limit."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from according.api.envelope import ApiError
from according.types import Document, Ledger

if TYPE_CHECKING:
    from spacy.language import Language

#: The default limit on one analysis, in seconds; a news article takes well under one.
DEFAULT_TIMEOUT = 30.0


class Analyzer:
    """Analyses Documents in one worker thread (a spaCy pipeline is not meant to be shared between threads).

    The pipeline is loaded on first use. An analysis that runs past `timeout` is answered with 503; its thread
    cannot be interrupted, so it finishes in the background while later requests wait their turn, each within
    its own limit.
    """

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, nlp: Language | None = None) -> None:
        self.timeout = timeout
        self._nlp = nlp
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None  # made on first use, so the app can start again after close()

    def _run(self, doc: Document) -> Ledger:
        from according.analysis import analyze_document
        from according.nlp.pipeline import build_nlp

        with self._lock:
            if self._nlp is None:
                self._nlp = build_nlp()
            return analyze_document(doc, nlp=self._nlp)

    async def analyze(self, doc: Document) -> Ledger:
        """The ledger of `doc`.

        Raises:
            ApiError: 503 (reason "timeout") when the analysis takes longer than `timeout` seconds.
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="according-analyze")
        future = asyncio.get_running_loop().run_in_executor(self._pool, self._run, doc)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            raise ApiError(
                503, f"the analysis took longer than {self.timeout:g} s and was abandoned", reason="timeout"
            ) from None

    def close(self) -> None:
        """Drop queued work and release the worker thread; a running analysis is left to finish."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
