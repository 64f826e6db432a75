"""Every ClickHouse query and insert of analytics: the store and its migrations, cubes,
dimension lookups, the data version, BI cells, and the sink's rows and batch writer."""
