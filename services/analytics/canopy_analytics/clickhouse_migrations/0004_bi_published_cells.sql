-- What BI tools may read: every region-tier cell the analytics service decided, with figures
-- only where the privacy rule published it (a suppressed cell keeps its reason, never a number).
-- Written by `python -m canopy_analytics publish-bi`; read only through the per-region
-- SQL SECURITY DEFINER views in deploy/clickhouse/. A rerun replaces a cell (latest wins).
CREATE TABLE IF NOT EXISTS bi_published_cells
(
    region_id LowCardinality(String),
    school_year LowCardinality(String),
    measure LowCardinality(String),
    template_id LowCardinality(String),
    indicator_key LowCardinality(String),
    org_level LowCardinality(String),
    org_id String,
    period String,
    suppressed UInt8,
    reason LowCardinality(String),
    walkthroughs Nullable(UInt64),
    teachers Nullable(UInt32),
    mean_rating Nullable(Float64),
    share_level Nullable(Int32),
    share_display Nullable(String),
    published_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(published_at)
ORDER BY (region_id, school_year, measure, template_id, indicator_key, org_level, org_id, period);
