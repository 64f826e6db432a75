// Region figures come from releases (issue #19): a period is published once, after it closes.
// This note names the periods of a trend that are not published yet, and when they will be.
import { formatDay, formatPeriod } from "@/lib/format";
import type { TrendSeries } from "../api/types";

type Point = TrendSeries["points"][number];

export function UnpublishedNote({ points }: { points: readonly Point[] }) {
  const pending = new Map<string, string | undefined>();
  for (const p of points) if (p.unpublished) pending.set(p.period, p.published_after);
  if (pending.size === 0) return null;
  return (
    <p className="privacy-note unpublished-note" data-testid="trend-unpublished" data-periods={[...pending.keys()].join(" ")}>
      <strong>Not yet published:</strong>{" "}
      {[...pending.entries()]
        .map(([period, after]) => (after ? `${formatPeriod(period)} (after ${formatDay(after)})` : formatPeriod(period)))
        .join(", ")}
      . Region figures for a period are published once, after it closes; hatched points mark them.
    </p>
  );
}
