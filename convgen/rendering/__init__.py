"""The one sandboxed Jinja environment, prepared templates and render limits."""
