-- Dimensions from tenancy and template events: names, hierarchy, region connections (with
-- history), roster sizes and template labels. Never a person. They live here rather than in the
-- service's SQL database because the BI views on a ClickHouse server need them too (org names,
-- which districts are connected now), and because every table is a replayable projection of
-- its topic: ReplacingMergeTree collapses a replayed event into the row it already wrote.
CREATE TABLE IF NOT EXISTS org_units
(
    org_type LowCardinality(String),
    org_id String,
    name String,
    region_id String,
    district_id String,
    version DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_type, org_id);

-- One row per connection change; the latest row of a district says where it is connected now.
CREATE TABLE IF NOT EXISTS district_connections
(
    district_id String,
    region_id String,
    connected UInt8,
    agreement_version String,
    changed_at DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (district_id, changed_at, region_id, connected);

CREATE TABLE IF NOT EXISTS school_teacher_counts
(
    school_id String,
    district_id String,
    region_id String,
    teacher_count UInt32,
    as_of DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(as_of)
ORDER BY school_id;

CREATE TABLE IF NOT EXISTS template_versions
(
    template_id String,
    version_id String,
    version_number UInt32,
    title String,
    owner_type LowCardinality(String),
    owner_id String,
    region_id String,
    published_at DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (template_id, version_id);

CREATE TABLE IF NOT EXISTS template_indicators
(
    template_id String,
    version_id String,
    version_number UInt32,
    indicator_key String,
    indicator_text String,
    section_key String,
    section_title String,
    position UInt32,
    scale_kind LowCardinality(String),
    level_values Array(Int32),
    level_labels Array(String),
    scale_min Nullable(Int32),
    scale_max Nullable(Int32)
)
ENGINE = ReplacingMergeTree
ORDER BY (template_id, version_id, indicator_key);
