"""Build pipeline, validation, exports, SPARQL store, web server and CLI."""
