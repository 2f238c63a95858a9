"""Read YAML 1.2 or JSON input into plain data with the line of every value."""

from convgen.loading.reader import (
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    MAX_NODES,
    Position,
    RawInput,
    closest_line,
    is_json_path,
    parse_input,
    read_input,
    read_input_bytes,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_INPUT_BYTES",
    "MAX_NODES",
    "Position",
    "RawInput",
    "closest_line",
    "is_json_path",
    "parse_input",
    "read_input",
    "read_input_bytes",
]
