"""The web UI's pages; each GET page also answers as JSON at the same path plus `.json` (as datasette does)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, JSONResponse, Response

from according.api import provenance, queries
from according.api.bodies import document_from_form, form_parts
from according.api.envelope import ApiError, ErrorPage, to_envelope
from according.api.routes.corpus import Limit, Offset
from according.api.state import AppState, State
from according.errors import AccordingError
from according.ingest import read
from according.types import ENTITY_TYPES, GRADE_LABELS
from according.web import article, examples, graph

#: Security headers on every page: scripts only from this server, no framing, no sniffing.
_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}

_env = Environment(
    loader=PackageLoader("according.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

Q = Annotated[str, Query(max_length=500)]


def _fact_filters(
    actor: Q = "", target: Q = "", action: Q = "", since: Q = "", until: Q = "", max_grade: Q = ""
) -> dict[str, str]:
    """The facts pages' filter form, read once for both the page and its JSON twin."""
    return {"actor": actor, "target": target, "action": action, "since": since, "until": until, "max_grade": max_grade}


FactFilters = Annotated[dict[str, str], Depends(_fact_filters)]
Period = Annotated[Literal["month", "year", "all"], Query()]


class Site:
    """The pages of one app: its examples, their analysed ledgers (kept in memory), and the templates."""

    def __init__(self, examples_dir: Path | None) -> None:
        self.examples = examples.find(examples_dir)
        self._ledgers: dict[str, dict[str, Any]] = {}

    def page(self, request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        state: AppState = request.app.state.according
        html = _env.get_template(template).render(has_store=state.store is not None, path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=status, headers=_HEADERS)

    async def example_ledger(self, state: AppState, slug: str) -> dict[str, Any]:
        """The ledger of an example, analysed on first view (never stored)."""
        ex = self.examples.get(slug)
        if ex is None:
            raise ApiError(404, f"no example called {slug!r}", reason="not_found", loc=["path", "slug"])
        if slug not in self._ledgers:
            doc = await run_in_threadpool(read.read_path, ex.path)
            self._ledgers[slug] = (await state.analyzer.analyze(doc)).to_dict()
        return self._ledgers[slug]

    def error_page(self, request: Request, status: int, body: dict[str, Any]) -> Response | None:
        """An HTML page for a failure on an HTML page; None (the JSON envelope) for everything else."""
        path = request.url.path
        if path.endswith(".json") or not (path == "/" or path.startswith("/ui/")):
            return None
        return self.page(request, "error.html", status=status, error=body)


def _json(payload: Any) -> JSONResponse:
    return JSONResponse(payload, headers={"x-content-type-options": "nosniff"})


def router(site: Site) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def home_payload(state: AppState) -> dict[str, Any]:
        store = state.store
        recent: dict[str, Any] | None = None
        if store is not None:
            recent = queries.documents_page(store, limit=10, offset=0)
        return {
            "ok": True,
            "documents": recent["total"] if recent else None,
            "recent": recent["items"] if recent else [],
            "examples": [ex.to_dict() for ex in site.examples.values()],
        }

    @r.get("/index.json")
    async def home_json(state: State) -> JSONResponse:
        return _json(await run_in_threadpool(home_payload, state))

    @r.get("/")
    async def home(request: Request, state: State) -> HTMLResponse:
        payload = await run_in_threadpool(home_payload, state)
        return site.page(request, "home.html", json_url="/index.json", **payload)

    def analyze_payload(state: AppState) -> dict[str, Any]:
        return {
            "ok": True,
            "max_bytes": state.max_bytes,
            "analysis_timeout": state.analyzer.timeout,
            "accepts": sorted(read.SUFFIX_FORMATS),
            "api": "/analyze",
        }

    @r.get("/ui/analyze.json")
    async def analyze_json(state: State) -> JSONResponse:
        return _json(analyze_payload(state))

    @r.get("/ui/analyze")
    async def analyze_form(request: Request, state: State) -> HTMLResponse:
        return site.page(request, "analyze.html", json_url="/ui/analyze.json", form={}, **analyze_payload(state))

    @r.post("/ui/analyze")
    async def analyze_submit(request: Request, state: State) -> HTMLResponse:
        form: dict[str, str] = {}
        try:
            parts = form_parts(await request.body(), request.headers)
            form = {p.name: p.data.decode("utf-8", "replace") for p in parts if p.filename is None}
            doc = document_from_form(parts)
            ledger = await state.analyzer.analyze(doc)
        except (ApiError, AccordingError) as exc:
            status, body = to_envelope(exc)
            ctx = analyze_payload(state)
            return site.page(request, "analyze.html", status, json_url="/ui/analyze.json", form=form, error=body, **ctx)
        return site.page(request, "article.html", **article.context(ledger, json_url=None), kicker="Your article")

    @r.get("/ui/examples/{slug}.json")
    async def example_json(slug: str, state: State) -> JSONResponse:
        return _json(await site.example_ledger(state, slug))

    @r.get("/ui/examples/{slug}")
    async def example(request: Request, slug: str, state: State) -> HTMLResponse:
        from according.types import Ledger

        ledger = Ledger.from_dict(await site.example_ledger(state, slug))
        ctx = article.context(ledger, credit=site.examples[slug].credit, json_url=f"/ui/examples/{slug}.json")
        return site.page(request, "article.html", kicker="Bundled example", **ctx)

    def store_of(state: AppState) -> Any:
        if state.store is None:
            raise ApiError(404, "this server has no corpus store", reason="not_found")
        return state.store

    @r.get("/ui/documents.json")
    async def documents_json(state: State, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        page = await run_in_threadpool(queries.documents_page, store_of(state), limit=limit, offset=offset)
        return _json(page)

    @r.get("/ui/documents")
    async def documents(request: Request, state: State, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
        page = await run_in_threadpool(
            queries.documents_page, store_of(state), limit=limit, offset=offset, path="/ui/documents"
        )
        json_url = f"/ui/documents.json?limit={limit}&offset={offset}"
        return site.page(request, "documents.html", json_url=json_url, **page)

    @r.get("/ui/documents/{doc_id}.json")
    async def document_json(doc_id: str, state: State) -> JSONResponse:
        ledger = await run_in_threadpool(queries.ledger, store_of(state), doc_id)
        return _json(ledger.to_dict())

    @r.get("/ui/documents/{doc_id}")
    async def document(request: Request, doc_id: str, state: State) -> HTMLResponse:
        ledger = await run_in_threadpool(queries.ledger, store_of(state), doc_id)
        ctx = article.context(ledger, json_url=f"/ui/documents/{doc_id}.json", entity_links=True)
        return site.page(request, "article.html", kicker="From the corpus", **ctx)

    async def search_payload(state: AppState, q: str, limit: int, offset: int, path: str) -> dict[str, Any]:
        store = store_of(state)
        if not q.strip():
            return {
                "ok": True,
                "q": q,
                "scope": "documents",
                "items": [],
                "limit": limit,
                "offset": offset,
                "next": None,
            }
        return await run_in_threadpool(queries.search_page, store, q, limit=limit, offset=offset, path=path)

    @r.get("/ui/search.json")
    async def search_json(
        state: State,
        q: Q = "",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> JSONResponse:
        return _json(await search_payload(state, q, limit, offset, "/ui/search.json"))

    @r.get("/ui/search")
    async def search(
        request: Request,
        state: State,
        q: Q = "",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> HTMLResponse:
        page = await search_payload(state, q, limit, offset, "/ui/search")
        json_url = "/ui/search.json?" + str(request.url.query)
        return site.page(request, "search.html", json_url=json_url, **page)

    @r.get("/ui/claims.json")
    async def claims_json(state: State, query: Q = "", limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
        page = await run_in_threadpool(
            provenance.claims_page, store_of(state), query, limit=limit, offset=offset, path="/ui/claims.json"
        )
        return _json(page)

    @r.get("/ui/claims")
    async def claims(
        request: Request, state: State, query: Q = "", limit: Limit = 20, offset: Offset = 0
    ) -> HTMLResponse:
        page = await run_in_threadpool(
            provenance.claims_page, store_of(state), query, limit=limit, offset=offset, path="/ui/claims"
        )
        json_url = "/ui/claims.json?" + str(request.url.query)
        return site.page(request, "claims.html", json_url=json_url, **page)

    @r.get("/ui/claims/{claim_id}.json")
    async def claim_json(claim_id: str, state: State) -> JSONResponse:
        return _json(await run_in_threadpool(provenance.trace_payload, store_of(state), claim_id))

    @r.get("/ui/claims/{claim_id}")
    async def claim(request: Request, claim_id: str, state: State) -> HTMLResponse:
        payload = await run_in_threadpool(provenance.trace_payload, store_of(state), claim_id)
        svg = graph.provenance_svg(payload)
        return site.page(request, "claim.html", json_url=f"/ui/claims/{claim_id}.json", svg=svg, **payload)

    @r.get("/ui/outlets.json")
    async def outlets_json(
        state: State, period: Period = "month", limit: Limit = 50, offset: Offset = 0
    ) -> JSONResponse:
        page = await run_in_threadpool(
            provenance.outlets_page, store_of(state), period=period, limit=limit, offset=offset, path="/ui/outlets.json"
        )
        return _json(page)

    @r.get("/ui/outlets")
    async def outlets(
        request: Request, state: State, period: Period = "month", limit: Limit = 50, offset: Offset = 0
    ) -> HTMLResponse:
        page = await run_in_threadpool(
            provenance.outlets_page, store_of(state), period=period, limit=limit, offset=offset, path="/ui/outlets"
        )
        charts = [graph.bars_svg(o["outlet"], o["periods"], period) for o in page["items"]]
        json_url = f"/ui/outlets.json?period={period}&limit={limit}&offset={offset}"
        return site.page(request, "outlets.html", json_url=json_url, charts=charts, **page)

    facts_pages(r, site, store_of)
    return r


def facts_pages(r: APIRouter, site: Site, store_of: Any) -> None:
    """The entity list, entity pages and facts table (issue 6), each with its `.json` twin."""
    from according.api import facts
    from according.web.timeline import timeline_svg

    def entity_type(value: str) -> str | None:
        if value and value not in ENTITY_TYPES:
            raise ApiError(
                422, f"type must be one of {', '.join(ENTITY_TYPES)}", reason="invalid", loc=["query", "type"]
            )
        return value or None

    def grade(value: str) -> int | None:
        if value.strip() and value.strip() not in {"1", "2", "3", "4", "5", "6"}:
            raise ApiError(422, "max_grade must be a grade from 1 to 6", reason="invalid", loc=["query", "max_grade"])
        return int(value) if value.strip() else None

    async def entities_payload(state: AppState, q: str, type: str, limit: int, offset: int, path: str) -> Any:
        kind = entity_type(type)
        return await run_in_threadpool(
            facts.entities_page, store_of(state), q=q, type=kind, limit=limit, offset=offset, path=path
        )

    @r.get("/ui/entities.json")
    async def entities_json(
        state: State, q: Q = "", type: Q = "", limit: Limit = 50, offset: Offset = 0
    ) -> JSONResponse:
        return _json(await entities_payload(state, q, type, limit, offset, "/ui/entities.json"))

    @r.get("/ui/entities")
    async def entities(
        request: Request, state: State, q: Q = "", type: Q = "", limit: Limit = 50, offset: Offset = 0
    ) -> HTMLResponse:
        page = await entities_payload(state, q, type, limit, offset, "/ui/entities")
        json_url = "/ui/entities.json?" + str(request.url.query)
        return site.page(request, "entities.html", json_url=json_url, types=ENTITY_TYPES, **page)

    @r.get("/ui/entities/{id_or_name}.json")
    async def entity_json(id_or_name: str, state: State) -> JSONResponse:
        return _json(await run_in_threadpool(facts.entity_payload, store_of(state), id_or_name))

    @r.get("/ui/entities/{id_or_name}")
    async def entity(request: Request, id_or_name: str, state: State) -> HTMLResponse:
        payload = await run_in_threadpool(facts.entity_payload, store_of(state), id_or_name)
        ent = payload["entity"]
        svg = timeline_svg(ent["name"], [(p["period"], p["as_actor"], p["as_target"]) for p in payload["timeline"]])
        json_url = f"/ui/entities/{quote(ent['id'], safe='')}.json"
        return site.page(request, "entity.html", json_url=json_url, svg=svg, **payload)

    async def facts_payload(state: AppState, params: dict[str, str], limit: int, offset: int, path: str) -> Any:
        return await run_in_threadpool(
            facts.facts_page,
            store_of(state),
            **{k: params[k] for k in ("actor", "target", "action", "since", "until")},
            max_grade=grade(params["max_grade"]),
            limit=limit,
            offset=offset,
            path=path,
        )

    @r.get("/ui/facts.json")
    async def facts_json(
        state: State,
        form: FactFilters,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> JSONResponse:
        return _json(await facts_payload(state, form, limit, offset, "/ui/facts.json"))

    @r.get("/ui/facts")
    async def fact_table(
        request: Request,
        state: State,
        form: FactFilters,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> HTMLResponse:
        page = await facts_payload(state, form, limit, offset, "/ui/facts")
        json_url = "/ui/facts.json?" + str(request.url.query)
        return site.page(request, "facts.html", json_url=json_url, form=form, grades=GRADE_LABELS, **page)


def mount(app: FastAPI, *, examples_dir: str | Path | None = None) -> ErrorPage:
    """Add the web pages and static files to `app`; returns the HTML error page for the envelope handler."""
    from starlette.staticfiles import StaticFiles

    from according.render import html as render_html

    site = Site(Path(examples_dir) if examples_dir is not None else examples.default_dir())

    @app.get("/static/ledger.css", include_in_schema=False)
    async def ledger_css() -> Response:
        return Response(render_html.CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})

    @app.get("/static/ledger.js", include_in_schema=False)
    async def ledger_js() -> Response:
        return Response(render_html.SCRIPT, media_type="text/javascript", headers={"cache-control": "max-age=3600"})

    app.include_router(router(site))
    static = Path(__file__).with_name("static")
    app.mount("/static", StaticFiles(directory=static), name="static")
    return site.error_page
