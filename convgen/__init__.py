"""convgen: validated partnership agreements rendered to Word documents."""

__version__ = "0.1.0"
