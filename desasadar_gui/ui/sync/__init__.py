"""Exchanging sync workbooks: the sync view and dialog, the export/import actions and the
import preview.
"""
