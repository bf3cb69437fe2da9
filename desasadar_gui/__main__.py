import sys

from desasadar_gui.cli.main import main

sys.exit(main())
