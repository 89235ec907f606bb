"""Fair use: per-member cooldowns on costly commands and a per-server limit on heavy work at once."""
