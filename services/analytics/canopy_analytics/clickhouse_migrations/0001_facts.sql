-- Walkthrough facts, one row per observation and one per rating, exactly as the anonymized
-- stream carries them (no person ids, names or free text exist to store).
-- ReplacingMergeTree keyed on observation_key: the second net behind the sink's pre-insert
-- de-duplication (a replayed observation lands in the same partition: same observed_on).
-- region_id is '' for a standalone district (District Plan).
CREATE TABLE IF NOT EXISTS observation_facts
(
    observation_key String,
    region_id LowCardinality(String),
    district_id LowCardinality(String),
    school_id LowCardinality(String),
    teacher_pseudonym String,
    school_year LowCardinality(String),
    template_id LowCardinality(String),
    template_version_id LowCardinality(String),
    subject LowCardinality(String),
    grade_band LowCardinality(String),
    observed_on Date,
    duration_minutes UInt16,
    rating_count UInt16,
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX observation_key_bloom observation_key TYPE bloom_filter(0.001) GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(observed_on)
ORDER BY (region_id, district_id, school_id, template_id, observed_on, observation_key);

CREATE TABLE IF NOT EXISTS rating_facts
(
    observation_key String,
    region_id LowCardinality(String),
    district_id LowCardinality(String),
    school_id LowCardinality(String),
    teacher_pseudonym String,
    school_year LowCardinality(String),
    template_id LowCardinality(String),
    template_version_id LowCardinality(String),
    subject LowCardinality(String),
    grade_band LowCardinality(String),
    observed_on Date,
    indicator_key LowCardinality(String),
    value Int32,
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX observation_key_bloom observation_key TYPE bloom_filter(0.001) GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(observed_on)
ORDER BY (region_id, district_id, school_id, template_id, indicator_key, observed_on, observation_key);
