"""One repository module per feature: domain objects in and out, SQL inside."""
