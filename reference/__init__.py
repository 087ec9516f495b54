"""Python reference implementation of Agora's token formats (standard library only)."""

from reference.errors import DecodeError, InvalidInput, ReasonCode

__all__ = ["DecodeError", "InvalidInput", "ReasonCode"]
