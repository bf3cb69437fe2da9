import sys

from desasadar_gui.cli import main

sys.exit(main())
