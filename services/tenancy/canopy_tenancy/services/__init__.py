"""Tenancy's use cases, one module per feature (auth, orgs, connections, users, roster):
keyword-only arguments, one transaction each through the unit of work. `scope` is what they all
share: the acting user as stored now and lookups that answer "not found" outside their scope."""
