"""``python -m convgen``."""

from convgen.cli import main

main()
