"""Template distribution: templates and rubrics, their immutable published versions, and which
districts and schools must use them."""

SERVICE_NAME = "template-distribution"
