"""Analytics use cases: the read path (`reading`, `decisions`) and the answers built on it
(`reports`, `coverage`), and publishing decided cells to BI (`bi`)."""
