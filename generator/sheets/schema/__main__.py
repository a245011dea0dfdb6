"""``python -m generator.sheets.schema [--check]``: see :mod:`generator.sheets.schema`."""

import sys

from generator.sheets.schema import main

sys.exit(main())
