"""pytest plugin: ``--agora-command``/``--agora-builder`` turn every vector into a test item."""
