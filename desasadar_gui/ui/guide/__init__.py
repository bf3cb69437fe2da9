"""*Bantuan → Panduan*: the illustrated guide of an officer's day, and its screenshots."""
