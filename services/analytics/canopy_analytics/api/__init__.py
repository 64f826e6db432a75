"""Analytics' HTTP endpoints, one flask-smorest blueprint per feature (reports, goals): load
the request, call the use case, dump the answer. No SQL here."""
