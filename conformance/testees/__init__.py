"""The builder under test: the transports that speak the protocol, the factory, the registry.

The public door of the room; other rooms import only the names below. Inside, ``base`` is
the ``Testee`` interface and the steps the program testees share, ``inproc`` / ``oneshot`` /
``persistent`` (with ``pipes``) the transports, ``factory`` the ``open_testee`` that picks
one, and ``registry`` the real implementations in ``adapters/registry.yaml`` (with the ports
listed there that no adapter drives).
"""

from conformance.testees.base import (
    DEFAULT_STARTUP_TIMEOUT,
    DEFAULT_TIMEOUT,
    Testee,
    TesteeError,
    split_command,
)
from conformance.testees.factory import open_testee
from conformance.testees.inproc import InProcessTestee
from conformance.testees.oneshot import OneShotTestee
from conformance.testees.persistent import SubprocessTestee
from conformance.testees.registry import (
    Implementation,
    NotDriven,
    RegistryError,
    load_not_driven,
    load_registry,
    upstream_root,
)

__all__ = [
    "DEFAULT_STARTUP_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "Implementation",
    "InProcessTestee",
    "NotDriven",
    "OneShotTestee",
    "RegistryError",
    "SubprocessTestee",
    "Testee",
    "TesteeError",
    "load_not_driven",
    "load_registry",
    "open_testee",
    "split_command",
    "upstream_root",
]
