"""TreatyKB's edges: the command line, the web service and the static-site builder."""
