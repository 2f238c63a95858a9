"""convgen atelier: the local web questionnaire, served on 127.0.0.1 with a token."""
