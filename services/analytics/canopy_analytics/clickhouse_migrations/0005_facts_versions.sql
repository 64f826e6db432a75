-- What every answer's cache key needs to know about the facts (issue #17): per district, how
-- many walkthrough rows were inserted and when the last one was. Maintained at insert time, so
-- reading it costs a lookup in a table of one row per district (after merges), not a scan of
-- the facts (tens of ms per answer at 10M walkthroughs). An insert counter only ever grows, so
-- a version never comes back to an earlier value (a replayed duplicate merged away later does
-- not lower it).
CREATE TABLE IF NOT EXISTS facts_versions
(
    district_id LowCardinality(String),
    inserted SimpleAggregateFunction(sum, UInt64),
    last_ingested SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY district_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS facts_versions_mv TO facts_versions AS
SELECT district_id, toUInt64(count()) AS inserted, max(ingested_at) AS last_ingested
FROM observation_facts
GROUP BY district_id;

-- The facts stored before this migration (an insert racing it is counted twice: the version
-- still only moves forward).
INSERT INTO facts_versions
SELECT district_id, toUInt64(count()), max(ingested_at)
FROM observation_facts
GROUP BY district_id
