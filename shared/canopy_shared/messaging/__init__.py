"""Kafka messaging: publisher, consumer loop with dead-lettering, transactional outbox and relay,
idempotent-handler helper, topic administration."""
