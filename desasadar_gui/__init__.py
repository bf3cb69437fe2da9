"""Desa Sadar: offline-first field app for BPJS Ketenagakerjaan's village programme."""

__version__ = "0.1.0"
