-- Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d/).
-- One database per service: services share no database (ARCHITECTURE.md section 2).
-- Each service's `<service>-migrate` container creates its tables with Alembic.
CREATE DATABASE tenancy;
CREATE DATABASE templates;
CREATE DATABASE intake;
CREATE DATABASE anonymizer;
CREATE DATABASE analytics;
