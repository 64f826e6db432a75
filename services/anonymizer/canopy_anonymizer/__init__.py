"""Anonymizer: the only path from observations.raw.v1 to observations.anonymized.v1. Teacher ids
become keyed pseudonyms; names, notes and free text never pass."""

SERVICE_NAME = "anonymizer"
