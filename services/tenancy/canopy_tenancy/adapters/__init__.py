"""What tenancy talks to: its database (`db` models, `unit_of_work`, `repositories/` one per
feature), argon2 password hashing and the stored token signing keys."""
