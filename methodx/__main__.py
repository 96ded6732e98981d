"""python -m methodx: the command line."""

import sys

from methodx.adapters.cli import main

sys.exit(main())
