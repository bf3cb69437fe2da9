"""Shared pieces of the interface: background work, message boxes, the generic rows model, form
fields, charts, the interface language and the context every screen receives.
"""
