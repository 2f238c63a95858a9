"""The commands' work, with I/O at the edges: shared by the command line and the web atelier."""
