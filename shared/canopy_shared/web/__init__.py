"""HTTP helpers every service uses: app factory base, JSON errors, health, token auth."""
