-- One region's BI access. Render with the region's id and a short slug, then run as an
-- administrator, e.g.:
--   sed -e "s/{region_id}/$REGION_ID/g" -e "s/{slug}/$SLUG/g" 20_region_bi_role.sql \
--     | clickhouse-client --multiquery
-- {slug}: lowercase letters, digits and underscores (a database and role name part).
--
-- What the role can read: three views in its own database, each pinned to its region by the
-- view's own WHERE (the guarantee) and by a row policy (defence in depth), running as the
-- definer. Suppressed cells carry a reason and no number. Only the latest `publish-bi` run is
-- shown, so a district that disconnected vanishes at the next run. The role has no grant on any fact,
-- rollup or dimension table, nor on bi_published_cells itself.

CREATE DATABASE IF NOT EXISTS bi_{slug};

CREATE OR REPLACE VIEW bi_{slug}.walkthroughs
DEFINER = canopy_bi_definer SQL SECURITY DEFINER
AS SELECT region_id, school_year, org_level, org_id, period, suppressed, reason,
          walkthroughs, teachers AS teachers_observed
FROM analytics.bi_published_cells
WHERE region_id = '{region_id}' AND measure = 'walkthroughs'
  AND published_at = (SELECT max(published_at) FROM analytics.bi_published_cells
                      WHERE region_id = '{region_id}');

CREATE OR REPLACE VIEW bi_{slug}.indicator_trends
DEFINER = canopy_bi_definer SQL SECURITY DEFINER
AS SELECT region_id, school_year, template_id, indicator_key, org_level, org_id, period,
          suppressed, reason, walkthroughs AS n, teachers, mean_rating,
          share_level, share_display
FROM analytics.bi_published_cells
WHERE region_id = '{region_id}' AND measure = 'ratings'
  AND published_at = (SELECT max(published_at) FROM analytics.bi_published_cells
                      WHERE region_id = '{region_id}');

CREATE OR REPLACE VIEW bi_{slug}.privacy_rule
DEFINER = canopy_bi_definer SQL SECURITY DEFINER
AS SELECT 'Published only for cells of at least k distinct observed teachers, see the '
          || 'analytics API at GET /v1/privacy-rule. Uniform results, and cells that would '
          || 'let a hidden one be recovered by subtraction, are suppressed. Shares are coded '
          || 'below 5% and at or above 95%.' AS rule;

CREATE ROLE IF NOT EXISTS canopy_bi_{slug};
GRANT SELECT ON bi_{slug}.* TO canopy_bi_{slug};

CREATE ROW POLICY OR REPLACE region_only ON bi_{slug}.walkthroughs, bi_{slug}.indicator_trends
    AS RESTRICTIVE FOR SELECT USING region_id = '{region_id}' TO canopy_bi_{slug};

CREATE QUOTA OR REPLACE canopy_bi_{slug}_quota
    FOR INTERVAL 1 hour MAX queries = 600, result_rows = 5000000, read_rows = 50000000,
    FOR INTERVAL 1 day MAX queries = 5000
    TO canopy_bi_{slug};

-- A login for the region's BI tool (rotate the password with ALTER USER):
--   CREATE USER bi_{slug}_tool IDENTIFIED WITH sha256_password BY '<secret>'
--     DEFAULT ROLE canopy_bi_{slug} SETTINGS PROFILE canopy_bi_readonly;
--   GRANT canopy_bi_{slug} TO bi_{slug}_tool;
