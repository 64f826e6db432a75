"""Use cases: anonymizing one walkthrough, the district keys it needs, the counts it keeps."""
