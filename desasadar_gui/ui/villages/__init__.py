"""The villages screen (Desa): the list, its table model, the detail panel and the village form."""
