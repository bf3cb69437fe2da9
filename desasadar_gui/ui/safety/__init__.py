"""Keeping the data safe: backups, a damaged database, passphrases and the idle lock, personal
data, the processing record, workbook passwords and the crash dialog.
"""
