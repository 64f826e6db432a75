-- Rollups maintained at insert time: every insert into a fact table also inserts its weekly
-- aggregate here, so dashboards read these small tables, never the facts.
-- `week` is the Monday of the ISO week; months and school years are unions of weeks (a week
-- belongs to the month of its Thursday), so one weekly grain serves every bucket.
-- `teachers` keeps distinct teacher pseudonyms mergeable (uniqExactState) at any level: the
-- privacy rule needs distinct observed teachers per cell. `school_year` is the pseudonym's year
-- (pseudonyms rotate per school year), kept so a reader never counts one teacher twice.
CREATE TABLE IF NOT EXISTS observation_weekly
(
    region_id LowCardinality(String),
    district_id LowCardinality(String),
    school_id LowCardinality(String),
    template_id LowCardinality(String),
    week Date,
    subject LowCardinality(String),
    grade_band LowCardinality(String),
    school_year LowCardinality(String),
    walkthroughs SimpleAggregateFunction(sum, UInt64),
    duration_minutes SimpleAggregateFunction(sum, UInt64),
    teachers AggregateFunction(uniqExact, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(week)
ORDER BY (region_id, district_id, school_id, template_id, week, subject, grade_band, school_year);

CREATE MATERIALIZED VIEW IF NOT EXISTS observation_weekly_mv TO observation_weekly AS
SELECT
    region_id,
    district_id,
    school_id,
    template_id,
    toMonday(observed_on) AS week,
    subject,
    grade_band,
    school_year,
    toUInt64(count()) AS walkthroughs,
    toUInt64(sum(duration_minutes)) AS duration_minutes,
    uniqExactState(teacher_pseudonym) AS teachers
FROM observation_facts
GROUP BY region_id, district_id, school_id, template_id, week, subject, grade_band, school_year;

CREATE TABLE IF NOT EXISTS rating_weekly
(
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
    ratings SimpleAggregateFunction(sum, UInt64),
    teachers AggregateFunction(uniqExact, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(week)
ORDER BY (region_id, district_id, school_id, template_id, indicator_key, week, subject, grade_band, school_year, value);

CREATE MATERIALIZED VIEW IF NOT EXISTS rating_weekly_mv TO rating_weekly AS
SELECT
    region_id,
    district_id,
    school_id,
    template_id,
    indicator_key,
    toMonday(observed_on) AS week,
    subject,
    grade_band,
    school_year,
    value,
    toUInt64(count()) AS ratings,
    uniqExactState(teacher_pseudonym) AS teachers
FROM rating_facts
GROUP BY region_id, district_id, school_id, template_id, indicator_key, week, subject, grade_band, school_year, value;
