"""Schema errors and domain rules turned into located French problems."""
