"""Setting the app up: the first-run dialog, region data import, settings and targets."""
