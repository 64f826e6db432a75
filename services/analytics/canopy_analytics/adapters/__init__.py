"""What analytics talks to: its SQL tables (`db`), the in-process memo, and ClickHouse."""
