"""Analytics rules and values: periods, scope, templates, cubes, disclosure and the privacy
rule. No flask, SQL, Kafka or ClickHouse here."""
