"""Run-time resources (icons, translations, the contribution rate table)."""
