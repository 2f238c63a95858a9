"""``python -m convgen`` and the ``convgen`` script: the CLI and the atelier together.

The atelier (``convgen.web``) sits beside the CLI, not under it: this module, above
both, adds its command to the ``convgen`` group (imported when it runs, like the others).
"""

import sys
from collections.abc import Sequence

try:
    from convgen.cli.main import COMMANDS, SUMMARIES
    from convgen.cli.main import main as cli_main
except KeyboardInterrupt:  # Ctrl-C while the program starts: no traceback
    sys.stderr.write("Interrompu.\n")
    raise SystemExit(130) from None

COMMANDS["atelier"] = "convgen.web.command:atelier_command"
SUMMARIES["atelier"] = "Ouvre l'atelier : un questionnaire dans le navigateur, sans écrire de YAML."


def main(argv: Sequence[str] | None = None) -> None:
    cli_main(argv)


if __name__ == "__main__":
    main()
