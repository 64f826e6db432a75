"""Demo rosters as OneRoster 1.1 CSV files (`orgs.csv`, `users.csv`), the format districts
export from their student information systems. Names are invented and deterministic per seed."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass

GIVEN = (
    "Ada",
    "Ben",
    "Carmen",
    "Dev",
    "Elena",
    "Femi",
    "Grace",
    "Hiro",
    "Iris",
    "Jonah",
    "Keiko",
    "Luis",
    "Maya",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
)
FAMILY = (
    "Abbott",
    "Baptiste",
    "Chen",
    "Diallo",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ibrahim",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Mensah",
    "Nguyen",
    "Okafor",
    "Patel",
    "Quist",
    "Rossi",
    "Silva",
    "Tanaka",
    "Usman",
    "Vargas",
    "Walsh",
    "Xu",
    "Yilmaz",
    "Zamora",
)
ORG_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "name",
    "type",
    "identifier",
    "parentSourcedId",
)
USER_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
    "orgSourcedIds",
    "role",
    "username",
    "givenName",
    "familyName",
    "email",
)


@dataclass(frozen=True)
class RosterSchool:
    source_id: str
    name: str
    teacher_count: int


def roster_csv(
    district_code: str, schools: list[RosterSchool], rng: random.Random
) -> tuple[str, str]:
    """(orgs.csv, users.csv) text for one district: its schools and their teachers."""
    orgs, users = _writer(ORG_COLUMNS), _writer(USER_COLUMNS)
    orgs[1].writerow({"sourcedId": district_code, "name": district_code, "type": "district"})
    for school in schools:
        orgs[1].writerow(
            {
                "sourcedId": school.source_id,
                "name": school.name,
                "type": "school",
                "parentSourcedId": district_code,
            }
        )
        for n in range(school.teacher_count):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            source_id = f"{school.source_id}-t{n:03d}"
            users[1].writerow(
                {
                    "sourcedId": source_id,
                    "enabledUser": "true",
                    "orgSourcedIds": school.source_id,
                    "role": "teacher",
                    "username": source_id,
                    "givenName": given,
                    "familyName": family,
                    "email": f"{source_id}@{district_code}.example.org",
                }
            )
    return orgs[0].getvalue(), users[0].getvalue()


def _writer(columns: tuple[str, ...]) -> tuple[io.StringIO, csv.DictWriter[str]]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    return buffer, writer
