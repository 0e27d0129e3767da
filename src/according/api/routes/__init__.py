"""The API's routers: analyze, corpus (documents, search), provenance, facts (entities, facts, graph) and health."""
