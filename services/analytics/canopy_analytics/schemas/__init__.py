"""HTTP schemas of the analytics API, one module per feature (exports keep theirs)."""
