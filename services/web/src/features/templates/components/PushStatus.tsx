import { Badge } from "@/components/ui/Layout";
import type { Template } from "../api/templates";

export function PushStatus({ template }: { template: Template }) {
  const a = template.assignment;
  if (!a || !a.active) return <Badge>Not pushed</Badge>;
  const targets = a.target_ids?.length ? `${a.target_ids.length} chosen district${a.target_ids.length === 1 ? "" : "s"}` : "all districts";
  return (
    <span>
      <Badge tone={a.locked ? "warn" : "info"}>{a.locked ? "Locked" : "Open"}</Badge>{" "}
      <span className="small">v{a.version_number} to {targets}</span>
    </span>
  );
}

export function StatusBadge({ status }: { status?: string }) {
  const tone = status === "published" ? "good" : status === "retired" ? "neutral" : "warn";
  const label = status === "published" ? "Published" : status === "retired" ? "Retired" : "Draft";
  return <Badge tone={tone}>{label}</Badge>;
}
