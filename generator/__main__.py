"""``python -m generator``: the same as the ``factsheet`` command."""

import sys

from generator.cli import main

sys.exit(main())
