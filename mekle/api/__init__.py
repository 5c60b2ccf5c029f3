"""The machine door: the referral API for police, prosecutors, courts, schools and municipalities."""
