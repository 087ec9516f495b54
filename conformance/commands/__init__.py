"""One module per ``agora-conformance`` subcommand, each exposing ``register(subparsers)``."""
