// How an export job ended, in words a region admin can act on. A job "succeeds" when at least
// one format was built, so a partly built export must say which formats are missing and why.
import { Badge } from "@/components/ui/Layout";
import { FORMATS, type ExportJob } from "../api/exports";

export function isPartial(job: ExportJob): boolean {
  return job.status === "succeeded" && (job.failed_formats?.length ?? 0) > 0;
}

export function StatusBadge({ job }: { job: ExportJob }) {
  if (isPartial(job)) return <Badge tone="warn">Partly ready</Badge>;
  const tone = job.status === "succeeded" ? "good" : job.status === "failed" ? "bad" : "info";
  const label = { queued: "Queued", running: "Running", succeeded: "Ready", failed: "Failed" }[job.status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** The formats that could not be built, each with its reason; nothing when all were built. */
export function FailedFormats({ job }: { job: ExportJob }) {
  const failures = job.failed_formats ?? [];
  if (!failures.length) return null;
  return (
    <ul className="compact-list field-error small" data-testid="export-failed-formats">
      {failures.map((f) => (
        <li key={f.format} data-testid="export-failed-format" data-format={f.format}>
          {FORMATS.find((x) => x.value === f.format)?.label ?? f.format} could not be built: {f.error}
        </li>
      ))}
    </ul>
  );
}
