"""Golden vectors, shipped as package data (``agora_conformance_vectors``)."""
