"""The API's routers: analyze, corpus (documents, search) and health."""
