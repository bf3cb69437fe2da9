"""The participants screen (Peserta): the list, its lazily loaded table model and the
participant form.
"""
