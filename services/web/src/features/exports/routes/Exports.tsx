// Exports: start one (with a progress bar while it runs), download its files, see every export
// of the region (who, when, with which parameters) and the partner schedule.
import { useEffect, useState } from "react";
import { Card, PageHeader, ProgressBar } from "@/components/ui/Layout";
import { Async, EmptyState, ErrorState } from "@/components/ui/States";
import { unwrap } from "@/lib/api/clients";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { roleLabel } from "@/lib/auth/roles";
import { formatDateTime, formatPeriod } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { exportsApi, isFinished, type ExportJob, type ExportRequest } from "../api/exports";
import { Downloads } from "../components/Downloads";
import { FailedFormats, isPartial, StatusBadge } from "../components/JobStatus";
import { ExportForm } from "../components/ExportForm";
import { ScheduleCard } from "../components/Schedule";

const POLL_MS = 700;

function useRunningJob(onDone: () => void) {
  const api = useApi();
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!job || isFinished(job)) return;
    const timer = window.setTimeout(async () => {
      try {
        const next = await exportsApi.get(api, job.export_id);
        setJob(next);
        if (isFinished(next)) onDone();
      } catch (e) {
        setError(e);
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [api, job, onDone]);
  return { job, setJob, error, setError };
}

export default function Exports() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const isAdmin = claims.role === "region_admin";
  const summary = useQuery("analytics:summary", () => exportsApi.summary(api));
  const history = useQuery("exports:list", () => exportsApi.list(api));
  const names = useQuery(isAdmin ? `tenancy:users:${claims.org_id}` : null, async () => {
    const page = await unwrap(api.tenancy.GET("/v1/users", { params: { query: { org_id: claims.org_id, limit: 200 } } }));
    return Object.fromEntries((page.items ?? []).map((u) => [u.id ?? "", u.display_name ?? ""]));
  });
  const running = useRunningJob(history.reload);
  const [starting, setStarting] = useState(false);

  async function start(body: ExportRequest) {
    setStarting(true);
    running.setError(null);
    try {
      running.setJob(await exportsApi.request(api, body));
    } catch (e) {
      running.setError(e);
    } finally {
      setStarting(false);
    }
  }

  const who = (job: ExportJob) =>
    job.requested_by === claims.sub ? "You" : names.data?.[job.requested_by] || roleLabel(job.requested_role);
  const districtName = (id: string) => summary.data?.districts.find((d) => d.district_id === id)?.name ?? "a district";
  const templateName = (id: string) => summary.data?.templates.find((t) => t.template_id === id)?.title ?? "a template";

  return (
    <div className="page">
      <PageHeader title="Exports" description="Grant and compliance files built from the same protected figures as the dashboards." />
      <Card title="New export" testId="export-new">
        <Async state={summary} rows={5}>
          {(s) => <ExportForm summary={s} canPublish={isAdmin} busy={starting || (!!running.job && !isFinished(running.job))} onSubmit={start} />}
        </Async>
        {running.error != null && <ErrorState error={running.error} title="The export could not start" />}
        {running.job && <RunningJob job={running.job} />}
      </Card>
      <Card title="Export history" testId="export-history">
        <Async state={history} rows={4}>
          {(jobs) =>
            jobs.length === 0 ? (
              <EmptyState title="No exports yet">Start one above; every export of your region is listed here with who asked for it and when.</EmptyState>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">Every export of your region, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Requested</th>
                      <th scope="col">By</th>
                      <th scope="col">Parameters</th>
                      <th scope="col">Status</th>
                      <th scope="col">Files</th>
                    </tr>
                  </thead>
                  <tbody>
                    {jobs.map((job) => (
                      <tr key={job.export_id} data-testid="export-row" data-export={job.export_id} data-status={job.status}>
                        <td>{formatDateTime(job.requested_at)}</td>
                        <td>
                          {who(job)}
                          <div className="muted small">{job.trigger === "schedule" ? "scheduled" : roleLabel(job.requested_role)}</div>
                        </td>
                        <td className="small">
                          {job.parameters.period ? formatPeriod(job.parameters.period) : "Latest school year"}
                          <div className="muted">
                            {job.parameters.templates.length ? job.parameters.templates.map(templateName).join(", ") : "All templates"} ·{" "}
                            {job.parameters.districts.length ? job.parameters.districts.map(districtName).join(", ") : "All districts"}
                            {job.parameters.publish_to_partners ? " · published to partners" : ""}
                          </div>
                        </td>
                        <td><StatusBadge job={job} /></td>
                        <td>
                          {job.status === "succeeded" ? <Downloads job={job} compact /> : job.status === "failed" ? <span className="small">{job.error}</span> : `${job.progress}%`}
                          <FailedFormats job={job} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </Card>
      <ScheduleCard canEdit={isAdmin} />
    </div>
  );
}

function RunningJob({ job }: { job: ExportJob }) {
  return (
    <div className="running-job" data-testid="export-job" data-status={job.status} data-export={job.export_id} aria-live="polite">
      <h3>
        {isPartial(job) ? "Your export is partly ready" : job.status === "succeeded" ? "Your export is ready" : job.status === "failed" ? "The export failed" : "Building your export…"}
      </h3>
      <ProgressBar value={job.status === "succeeded" ? 100 : job.progress} label="Export progress" />
      <p className="muted small">{job.status === "failed" ? job.error ?? "Try again; if it fails again, tell your Canopy administrator." : job.step}</p>
      {job.status === "succeeded" && <Downloads job={job} />}
      <FailedFormats job={job} />
    </div>
  );
}
