-- Run once per ClickHouse server, as an administrator, after `python -m canopy_analytics migrate`.
-- The definer is the only identity that can read `analytics.bi_published_cells`; BI roles read
-- it only through views that run as this user (SQL SECURITY DEFINER). It cannot log in.
-- Requires ClickHouse 24.2+ (SQL SECURITY on views); not available on the embedded engine.
CREATE USER IF NOT EXISTS canopy_bi_definer IDENTIFIED WITH no_password HOST NONE;
GRANT SELECT ON analytics.bi_published_cells TO canopy_bi_definer;

-- Every BI role is read-only and may change no setting that would lift a limit.
CREATE SETTINGS PROFILE IF NOT EXISTS canopy_bi_readonly
    SETTINGS readonly = 1 READONLY,
             max_execution_time = 30 READONLY,
             max_result_rows = 100000 READONLY,
             result_overflow_mode = 'throw' READONLY;
