"""The dashboard screen (Ringkasan): cards, charts, the breakdown table and its PDF export."""
