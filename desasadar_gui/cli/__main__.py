"""``python -m desasadar_gui.cli``: the same command line as ``desasadar``."""

import sys

from desasadar_gui.cli.main import main

sys.exit(main())
