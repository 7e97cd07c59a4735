"""The law as pure rules: plain data in, results with a trace out. No RDF, HTTP or templates."""
