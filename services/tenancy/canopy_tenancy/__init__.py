"""Tenancy: the region -> district -> school hierarchy, users and roles, sign-in tokens and the
teacher roster. Teacher names live here and nowhere else."""

SERVICE_NAME = "tenancy"
