"""French wording: numbers, dates, amounts, labels, calendar arithmetic."""
