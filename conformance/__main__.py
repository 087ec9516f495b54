"""``python -m conformance`` is ``agora-conformance``."""

import sys

from conformance.cli import main

sys.exit(main())
