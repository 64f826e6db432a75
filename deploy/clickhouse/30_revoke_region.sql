-- Remove one region's BI access (render like 20_region_bi_role.sql). Run when a region leaves.
DROP QUOTA IF EXISTS canopy_bi_{slug}_quota;
DROP ROW POLICY IF EXISTS region_only ON bi_{slug}.walkthroughs, bi_{slug}.indicator_trends;
DROP ROLE IF EXISTS canopy_bi_{slug};
DROP DATABASE IF EXISTS bi_{slug};
