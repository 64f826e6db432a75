"""What a figure of an analytics answer looks like on screen, so a test can compare every figure
the page shows with the API's own answer: means with two decimals, shares as the API displays
them (its top/bottom coding included), counts with thousands separators; a suppressed cell has
no number at all."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page


def rating_display(cell: dict[str, Any], metric: str = "mean") -> str | None:
    """The text of a rating cell (trends point, heat-map cell); None when it shows no number."""
    if cell.get("suppressed") or not cell.get("n") or cell.get("mean_rating") is None:
        return None
    if metric == "share":
        return str(cell["share"]["display"]) if cell.get("share") else None
    return f"{cell['mean_rating']:.2f}"


def count_display(cell: dict[str, Any]) -> str | None:
    """A count as an integer (the page's data-value may group its digits: see plain())."""
    if cell.get("suppressed"):
        return None
    return str(cell.get("walkthroughs") or 0)


def share_display(share: dict[str, Any] | None) -> str:
    return "\u2013" if share is None else str(share["display"])  # an en dash: no figure


def shown(locator: Locator) -> list[dict[str, str | None]]:
    """Each element's data-* attributes (data-row, data-col, data-period, data-value, ...)."""
    shown = locator.evaluate_all(
        "els => els.map(e => Object.fromEntries(Object.entries(e.dataset)))"
    )
    return [{**attributes, "value": plain(attributes.get("value"))} for attributes in shown]


def value_of(page: Page, test_id: str) -> str | None:
    return plain(page.get_by_test_id(test_id).first.get_attribute("data-value"))


def plain(value: str | None) -> str | None:
    """A figure's text without thousands separators ("1,389" is the count 1389)."""
    return None if value is None else value.replace(",", "")
