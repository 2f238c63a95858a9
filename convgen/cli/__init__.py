"""The click command line, in French, by command family; no logic of its own."""
