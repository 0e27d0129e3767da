"""One article (or a stream of them) -> claim ledger: parse with spaCy, extract, resolve, profile."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc

from according.config import Settings
from according.extract import attribution, entities, evidence, frames, hedges, opinion, profile, resolve
from according.framing import model as framing_model
from according.nlp.pipeline import build_nlp, model_name
from according.types import Document, Framing, Hedge, Ledger, TextSpan


def analyze(
    text_or_html: str | bytes,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    url: str | None = None,
    nlp: Language | None = None,
) -> Ledger:
    """The claim ledger of one article given as plain text, HTML or the JSON article object.

    Raises:
        InputError: empty, binary or undecodable input, or HTML with no article body.
    """
    from according.ingest import read

    kw = {"title": title, "outlet": outlet, "published": published, "url": url}
    if isinstance(text_or_html, bytes):
        doc = read.read_bytes(text_or_html, **kw)  # type: ignore[arg-type]
    else:
        doc = read.read_text(text_or_html, **kw)  # type: ignore[arg-type]
    return analyze_document(doc, nlp=nlp)


def analyze_document(doc: Document, *, nlp: Language | None = None) -> Ledger:
    """The claim ledger of a Document whose text is analysed exactly as it is."""
    return next(analyze_many([doc], nlp=nlp))


def _chunks(text: str, size: int) -> list[str]:
    """Split `text` into pieces of at most ~`size` characters at paragraph, line or space boundaries."""
    if len(text) <= size:
        return [text]
    out: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut >= 0:
                    end = cut + len(sep)
                    break
        out.append(text[start:end])
        start = end
    return out


def _parse(nlp: Language, docs: Iterable[Document], settings: Settings) -> Iterator[tuple[Document, Doc]]:
    """Parse a stream of documents with one nlp.pipe call, chunking long texts and joining the chunks back.

    One call for the whole stream matters with `n_process > 1`: spaCy starts its worker processes once
    per call. The Document rides along as context, which spaCy keeps in this process.
    """
    pieces = (
        (chunk, (d, k, len(chunks)))
        for d in docs
        for chunks in [_chunks(d.text, settings.chunk_chars)]
        for k, chunk in enumerate(chunks)
    )
    pending: list[Doc] = []
    for sdoc, (doc, k, total) in nlp.pipe(
        pieces, as_tuples=True, batch_size=settings.batch_size, n_process=settings.n_process
    ):
        pending.append(sdoc)
        if k == total - 1:
            joined = pending[0] if len(pending) == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            if joined.text != doc.text:  # pragma: no cover - guarded: offsets must stay true
                raise RuntimeError("chunked parse changed the text; offsets would be wrong")
            yield doc, joined


def analyze_many(
    docs: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int | None = None,
    n_process: int | None = None,
) -> Iterator[Ledger]:
    """Ledgers for a stream of Documents, parsed in batches with nlp.pipe (in order, streaming)."""
    settings = Settings.from_env(batch_size=batch_size, n_process=n_process)
    nlp = nlp or build_nlp()
    name = model_name(nlp)
    for doc, sdoc in _parse(nlp, docs, settings):
        yield ledger_of(doc, sdoc, model=name)


def ledger_of(doc: Document, sdoc: Doc, *, model: str = "") -> Ledger:
    """Build the ledger from a parsed Doc whose text is exactly `doc.text`."""
    text = doc.text
    title = (doc.title_span.start, doc.title_span.end) if doc.title_span else None
    cands, stray = attribution.candidates(sdoc, title_span=title)
    skip = [title] if title else []
    hedge_list = hedges.hedges(sdoc, skip=skip)
    hedge_records = [Hedge(f"h{i + 1}", TextSpan.of(text, s, e), kind) for i, ((s, e), kind) in enumerate(hedge_list)]  # type: ignore[arg-type]
    sources, atts = resolve.build(sdoc, cands, hedge_list, hedge_records)
    sents = [
        s
        for s in sdoc.sents
        if s.text.strip() and not (title and s.start_char < title[1] and s.end_char <= title[1] + 2)
    ]
    attributed = [(p.start, p.end) for a in atts for p in (a.content_parts or (a.content,))]
    hedge_spans = [s for s, k in hedge_list if k == "hedge"]
    op = tuple(
        TextSpan.of(text, s, e) for s, e in opinion.opinion_sentences(sents, attributed, hedge_spans, threshold=1.5)
    )
    ents = entities.entities(sdoc)
    statements = frames.author_statements(text, sents, atts)
    frame_records = frames.frames(sdoc, atts, statements, ents, published=doc.published)
    grades = evidence.grades(atts, sources, hedge_records, statements, frame_records, entities=ents)
    sent_ranges = [(s.start_char, s.end_char) for s in sents]
    words = sum(1 for t in sdoc if not t.is_space and not t.is_punct)
    prof = profile.profile(sent_ranges, tuple(sources), tuple(atts), tuple(hedge_records), op, words)
    prof["entities"] = len(ents)
    warnings: list[str] = []
    framed = framing_model.framing_spans(sdoc)
    framing = tuple(Framing(TextSpan.of(text, s, e), t, round(sc, 3)) for s, e, t, sc in framed.spans)
    if framed.status == "unsupported_language":
        warnings.append(f"wrong_language: {framed.detail}")
    prof.update(profile.framing_profile(framing, atts, words))
    prof["framing_model"] = framed.model
    if stray:
        warnings.append(
            f"unbalanced_quotes: {len(stray)} quotation mark(s) could not be paired, at offsets {stray[:10]}"
        )
    if not text.strip():
        warnings.append("empty: the text has no words")
    return Ledger(
        document=doc,
        sources=tuple(sources),
        attributions=tuple(atts),
        hedges=tuple(hedge_records),
        opinion_sentences=op,
        entities=ents,
        profile=prof,
        framing=framing,
        frames=frame_records,
        evidence=grades,
        sentences=len(sents),
        warnings=tuple(warnings),
        model=model,
    )
