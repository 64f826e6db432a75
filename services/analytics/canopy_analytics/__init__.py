"""Analytics: the region's and districts' rolled-up trends on ClickHouse, fed only by the
anonymized stream, small-cell suppressed at the region tier."""

SERVICE_NAME = "analytics"
