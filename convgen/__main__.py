"""``python -m convgen``."""

from convgen.cli.main import main

main()
