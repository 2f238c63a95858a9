"""The calendar of obligations (échéancier): every dated duty a validated document creates."""
