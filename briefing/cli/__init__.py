"""The command line (click), one module per command group. It parses options, calls the stages
and prints; it holds no logic. May import every other sub-package; none imports it."""
