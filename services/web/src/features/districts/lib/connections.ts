// Reading a connection's history: its state in words and what a person may do with it.
import type { Connection } from "../api/districts";

export const STATUS_LABELS: Record<string, { label: string; tone: "good" | "warn" | "neutral" | "bad" | "info" }> = {
  invited: { label: "Invited", tone: "info" },
  active: { label: "Connected", tone: "good" },
  declined: { label: "Declined", tone: "bad" },
  withdrawn: { label: "Invitation withdrawn", tone: "neutral" },
  ended: { label: "Disconnected", tone: "neutral" },
};

export function actionFor(connection: Connection): "withdraw" | "disconnect" | null {
  if (connection.status === "invited") return "withdraw";
  if (connection.status === "active") return "disconnect";
  return null;
}

/** The latest connection per district: the screen's main list; older rows are its history. */
export function latestPerDistrict(connections: Connection[]): Connection[] {
  const latest = new Map<string, Connection>();
  for (const c of connections) {
    const seen = latest.get(c.district_id ?? "");
    if (!seen || (c.invited_at ?? "") > (seen.invited_at ?? "")) latest.set(c.district_id ?? "", c);
  }
  const order = { active: 0, invited: 1, declined: 2, withdrawn: 3, ended: 4 } as Record<string, number>;
  return [...latest.values()].sort((a, b) => (order[a.status ?? ""] ?? 9) - (order[b.status ?? ""] ?? 9));
}

export const DEFAULT_AGREEMENT = `Data-sharing agreement

The region sees trends, not names. Your district shares rolled-up walkthrough figures with the region: counts of walkthroughs, shares of schools visited and teachers observed, and ratings per look-for by district, school, subject, grade band and period.

The region never receives a teacher's name, roster id or any per-teacher row, nor any notes. Figures for groups of fewer than 10 observed teachers are hidden, with complementary suppression so that no hidden figure can be worked out.

Either side may end this connection at any time; the region then stops seeing your district's figures.`;
