"""RDF input and output: the only part of `kb` and `api` that imports rdflib, pyoxigraph, owlready2 or
pyshacl (an import-linter contract in pyproject.toml keeps it so).

- load, store, repository: the data files into the stores, and the stores into plain kb.model records;
- importers: kb/sources into canonical Turtle (fmt); validate, reason: SHACL and OWL checks;
- availability: the matrix's cells as N-Quads; serialize: RDF syntaxes for the HTTP surfaces;
- executor, readonly, sparql_syntax, remote, persistent: running queries (embedded or remote, read-only);
- export, docs: dumps and ontology documentation.
"""
