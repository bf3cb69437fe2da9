"""The sessions screen (Sosialisasi): the list, the detail panel of one session, its table
models and dialogs.
"""
