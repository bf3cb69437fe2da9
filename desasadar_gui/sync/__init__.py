"""Sync by workbook: export, import (read -> validate -> plan -> apply), merge rules,
conflicts and possible duplicates. No Qt here; the GUI and the command line call it."""
