"""Grant and compliance exports (CSV, XLSX, PDF, Ed-Fi-shaped JSON) and partner snapshots.

Every dataset is built by calling the region API's own answer functions
(`services.reports`, `services.coverage`) with the requester's scope, so an export applies
exactly the API's suppression: there is no second query path. `datasets.py` flattens those
answers into tidy tables; one module per format renders them; `jobs.py` runs an export in the
background and records who asked, when and with which parameters; `partners.py` turns a
region's answers into the `exports.region.<region_id>.v1` snapshot.
"""
