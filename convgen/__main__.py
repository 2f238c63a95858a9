"""``python -m convgen`` and the ``convgen`` script: the CLI and the atelier together.

The atelier (``convgen.web``) sits beside the CLI, not under it: this module, above
both, registers its command in the ``convgen`` group.
"""

from collections.abc import Sequence

from convgen.cli.main import cli
from convgen.cli.main import main as cli_main
from convgen.web.command import COMMANDS

for command in COMMANDS:
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> None:
    cli_main(argv)


if __name__ == "__main__":
    main()
