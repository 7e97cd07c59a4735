"""RDF input and output: the only part of `kb` that imports rdflib, pyoxigraph or owlready2."""
