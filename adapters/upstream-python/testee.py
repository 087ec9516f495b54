"""JSON-lines testee loop (protocol v1) and clock/salt pinning for upstream Python trees.

Runs under Python 2.7 and Python 3 alike (the upstream ``python/`` trees are Python 2 only), so it
uses neither adapters/python/jsonl_testee.py nor pinning.py (both Python 3 only) but follows them.
"""

from __future__ import print_function

import binascii
import json
import random
import sys
import time

PY2 = sys.version_info[0] == 2


class Unsupported(Exception):
    """The tree cannot express this request (answered as error kind ``unsupported``)."""


class InvalidInput(Exception):
    """The tree refused the input (answered as error kind ``invalid_input``)."""


class DecodeFailure(Exception):
    """The tree could not decode the token; ``reason`` is a vector reason code."""

    def __init__(self, reason, message):
        Exception.__init__(self, message)
        self.reason = reason


class Pinned(object):
    """Stands in for the ``time``, ``random`` and ``secrets`` globals of upstream modules.

    Upstream draws its salt with ``random.randint`` (after ``random.seed(time.time())``),
    ``random.SystemRandom().randint`` or ``secrets.SystemRandom().randint`` and reads the clock
    with ``time.time()``; each of them answers the values set for the current call, else the real
    source. Only the named modules' globals are replaced, never the standard library modules.
    """

    def __init__(self, *modules):
        self.now = None
        self.salt = None
        for module in modules:
            for name in ("time", "random", "secrets"):
                if hasattr(module, name):
                    setattr(module, name, self)

    def time(self):
        return time.time() if self.now is None else self.now

    def seed(self, *args):
        pass  # upstream reseeds from the clock before drawing; the real draw needs no seed

    def SystemRandom(self):  # the name upstream calls
        return self

    def randint(self, low, high):
        return random.SystemRandom().randint(low, high) if self.salt is None else self.salt

    def call(self, salt, now, fn, *args):
        """``fn(*args)`` with the clock at ``now`` and every salt draw returning ``salt``."""
        self.salt, self.now = salt, now
        try:
            return fn(*args)
        finally:
            self.salt = self.now = None


def native(value):
    """The text as the tree's native ``str`` (UTF-8 bytes on Python 2)."""
    if PY2 and isinstance(value, unicode):  # noqa: F821 (Python 2 only)
        return value.encode("utf-8")
    return value


def text(value):
    """A decoded text field: the string when the bytes are UTF-8, else ``{"hex": ...}``."""
    if not isinstance(value, bytes):
        return value
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return {"hex": binascii.hexlify(value).decode("ascii")}


def privileges(mapping):
    """A privilege map keyed by the decimal id as a string."""
    return dict((str(int(k)), v) for k, v in mapping.items())


_FORMATS = (("003", "003"), ("004", "004"), ("005", "005"), ("signaling", "1:"),
            ("006", "006"), ("007", "007"))


def _foreign(token, parsers):
    """Why ``token`` is unsupported (an Agora format the tree has no parser for), or None."""
    for name, prefix in _FORMATS:
        if isinstance(token, type(u"")) and token.startswith(prefix):
            return None if name in parsers else "this tree has no parser for %s tokens" % name
    return None


def _error(kind, exc):
    return {"kind": kind, "message": "%s: %s" % (type(exc).__name__, exc)}


def answer(adapter, request):
    """The answer (a dict) to one request."""
    op, rid = request.get("op"), request.get("id")
    if op == "hello":
        out = {"op": "hello", "protocol": 1}
        out.update(adapter.describe())
        return out
    try:
        if op == "build":
            fn = adapter.builders.get(request.get("builder"))
            if fn is None:
                raise Unsupported("builder %s is not supported" % request.get("builder"))
            result = fn(request.get("args") or {}, request.get("salt"), request.get("now"))
            out = {"id": rid}
            out.update(result if isinstance(result, dict) else {"token": result})
            return out
        if op in ("decode", "verify"):
            foreign = _foreign(request.get("token"), adapter.parsers)
            if foreign is not None:
                raise Unsupported(foreign)
            if op == "decode":
                return {"id": rid, "fields": adapter.decode(request["token"])}
            out = {"id": rid}
            out.update(adapter.verify(request))
            return out
        raise Unsupported("operation %r" % op)
    except Unsupported as exc:
        return {"id": rid, "error": _error("unsupported", exc)}
    except InvalidInput as exc:
        return {"id": rid, "error": _error("invalid_input", exc)}
    except DecodeFailure as exc:
        error = _error("decode_error", exc)
        error["reason"] = exc.reason
        return {"id": rid, "error": error}
    except Exception as exc:  # upstream's own failure for this case is the finding: report it
        return {"id": rid, "error": _error("decode_error" if op == "decode" else "internal", exc)}


def serve(adapter):
    """Answer requests in order until ``stop`` or the end of input, one flushed line each."""
    out = sys.stdout
    sys.stdout = sys.stderr  # upstream prints diagnostics; stdout belongs to the protocol
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError as exc:
            reply = {"id": None, "error": _error("internal", exc)}
        else:
            if request.get("op") == "stop":
                break
            reply = answer(adapter, request)
        out.write(json.dumps(reply, separators=(",", ":")) + "\n")
        out.flush()
