"""Template lint: what a template uses, checked against what documents provide."""
