// Download buttons for a finished export's files: fetched with the token, saved as a blob.
import { useState } from "react";
import { downloadWithToken } from "@/lib/api/download";
import { describeError } from "@/lib/api/errors";
import { useConfig, useSession } from "@/lib/app-context";
import { formatBytes } from "@/lib/format";
import { downloadUrl, FORMATS, type ExportJob } from "../api/exports";

export function Downloads({ job, compact = false }: { job: ExportJob; compact?: boolean }) {
  const config = useConfig();
  const session = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  async function download(format: string, link: string, filename: string) {
    setBusy(format);
    setMessage(null);
    try {
      const saved = await downloadWithToken(downloadUrl(config.services.analytics, link), session?.token ?? null, filename);
      setMessage(`Downloaded ${saved}.`);
    } catch (error) {
      setMessage(`Could not download: ${describeError(error)}`);
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="downloads">
      {job.files.map((f) => {
        const label = FORMATS.find((x) => x.value === f.format)?.label ?? f.format;
        return (
          <button
            key={f.format}
            type="button"
            className={`btn btn-secondary${compact ? " btn-small" : ""}`}
            onClick={() => download(f.format, f.download, f.filename)}
            disabled={busy !== null}
            data-testid="export-download"
            data-format={f.format}
            data-export={job.export_id}
          >
            {busy === f.format ? "Downloading…" : compact ? f.format.replace("_json", " JSON").toUpperCase() : `${label} · ${formatBytes(f.bytes)}`}
            {compact && <span className="visually-hidden"> ({label}, {formatBytes(f.bytes)})</span>}
          </button>
        );
      })}
      <span role="status" className="muted small" data-testid="download-status">{message}</span>
    </div>
  );
}
