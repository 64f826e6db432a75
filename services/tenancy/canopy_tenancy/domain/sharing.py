"""What a district shares with its region under a connection, in words a district admin reads
before accepting: "trends, not names". Every connection shows it beside its agreement text; it
states what Canopy enforces (ARCHITECTURE.md §1 and §4), whatever the agreement's wording."""

from __future__ import annotations

from typing import Final

REGION_WILL_SEE: Final = (
    "Your district's and schools' names, and how many teachers each school's roster has",
    "Walkthrough trends per look-for (mean ratings, rating distributions) for the district "
    "and each school, by week or month",
    "Coverage counts: walkthroughs, the share of schools visited and of teachers observed",
    "Only figures that cover enough different teachers (the published privacy rule): smaller "
    "cells are hidden, with their neighbours where needed, and shares near 0% or 100% show "
    "as <5% or ≥95%",
    "Which template versions your schools use",
)
REGION_WILL_NOT_SEE: Final = (
    "Any teacher's name, email, roster id, or a code that singles a teacher out",
    "Any single walkthrough, its ratings or its notes",
    "Observers' names, or who observed whom",
    "Your district's own exact figures, which stay in your District workspace",
    "Your user accounts and roster files",
)
