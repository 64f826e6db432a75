"""Tenancy's rules, entities and domain errors, one module per feature (auth, orgs,
connections, users, roster) plus the access rules and pages they share. No I/O: nothing here
imports flask, sqlalchemy or kafka."""
