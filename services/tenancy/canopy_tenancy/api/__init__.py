"""Tenancy's HTTP endpoints, one flask-smorest blueprint per feature (auth, orgs, connections,
users, roster): load the request, call the use case, dump the answer. No SQL, no Kafka."""
