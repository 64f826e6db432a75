-- Region releases, kept (issue #17): a released month's rollups and per-teacher weekly counts,
-- written once when a release holding it is first read (`adapters.clickhouse.released`), so a
-- region cube reads these instead of scanning the released facts (minutes at 10M
-- walkthroughs). A month is released at one cut, from the facts ingested by it, and never
-- changes: its rows carry that cut, and a later fact, a replayed duplicate or a merge of the
-- facts table can no longer move a released figure.
-- ReplacingMergeTree keyed by the whole row key and read with FINAL: two processes writing the
-- same month at once (or a write retried after a crash) write identical rows, which collapse.
CREATE TABLE IF NOT EXISTS released_observation_weekly
(
    cut DateTime64(3, 'UTC'),
    region_id LowCardinality(String),
    district_id LowCardinality(String),
    school_id LowCardinality(String),
    template_id LowCardinality(String),
    week Date,
    subject LowCardinality(String),
    grade_band LowCardinality(String),
    school_year LowCardinality(String),
    walkthroughs UInt64,
    teachers AggregateFunction(uniqExact, String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(week)
ORDER BY (cut, region_id, district_id, school_id, template_id, week, subject, grade_band, school_year);

CREATE TABLE IF NOT EXISTS released_rating_weekly
(
    cut DateTime64(3, 'UTC'),
    region_id LowCardinality(String),
    district_id LowCardinality(String),
    school_id LowCardinality(String),
    template_id LowCardinality(String),
    indicator_key LowCardinality(String),
    week Date,
    subject LowCardinality(String),
    grade_band LowCardinality(String),
    school_year LowCardinality(String),
    value Int32,
    ratings UInt64,
    teachers AggregateFunction(uniqExact, String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(week)
ORDER BY (cut, region_id, district_id, school_id, template_id, indicator_key, week, subject, grade_band, school_year, value);

-- Per teacher (a 64-bit hash of the pseudonym, as the dominance query groups them) and week:
-- how many walkthroughs / ratings one teacher contributes, the dominance rule's input.
CREATE TABLE IF NOT EXISTS released_observation_teachers
(
    cut DateTime64(3, 'UTC'),
    region_id LowCardinality(String),
    district_id LowCardinality(String),
    school_id LowCardinality(String),
    template_id LowCardinality(String),
    week Date,
    subject LowCardinality(String),
    grade_band LowCardinality(String),
    school_year LowCardinality(String),
    teacher UInt64,
    n UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(week)
ORDER BY (cut, region_id, district_id, school_id, template_id, week, subject, grade_band, school_year, teacher);

CREATE TABLE IF NOT EXISTS released_rating_teachers
(
    cut DateTime64(3, 'UTC'),
    region_id LowCardinality(String),
    district_id LowCardinality(String),
    school_id LowCardinality(String),
    template_id LowCardinality(String),
    indicator_key LowCardinality(String),
    week Date,
    subject LowCardinality(String),
    grade_band LowCardinality(String),
    school_year LowCardinality(String),
    teacher UInt64,
    n UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(week)
ORDER BY (cut, region_id, district_id, school_id, template_id, indicator_key, week, subject, grade_band, school_year, teacher);

-- Which released months are written in full: a month's rows are read only once its line is
-- here (written after its four tables), so a write cut short is written again, never read.
CREATE TABLE IF NOT EXISTS released_months
(
    first_week Date,
    last_week Date,
    cut DateTime64(3, 'UTC'),
    written_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (first_week, last_week, cut)
