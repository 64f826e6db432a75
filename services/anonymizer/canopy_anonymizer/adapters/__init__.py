"""The anonymizer's I/O: its tables and repositories (`db`, `repositories`), encryption of keys
at rest (`key_wrapping`), and the one way out to the bus (`publishing`)."""
