// The roster: upload OneRoster 1.1 files (a zip or orgs.csv + users.csv), read the dry run's
// report row by row, apply it, and the history of imports.
import { useState } from "react";
import { Link } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { formatDateTime } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { consoleApi, type RosterImport } from "../api/console";
import { ImportReport } from "../components/ImportReport";
import { readRosterFiles, type RosterFiles } from "../lib/roster-files";
import "../district-admin.css";

export default function Roster() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const history = useQuery(`tenancy:imports:${claims.org_id}`, () => consoleApi.imports(api, claims.org_id));
  return (
    <div className="page">
      <PageHeader title="Roster" description="Import your teachers and schools from your student information system's OneRoster 1.1 export." actions={<Link to="/district/teachers">See the teachers</Link>} />
      <Upload districtId={claims.org_id} onImported={() => { invalidate("tenancy:"); history.reload(); }} />
      <Card title="Import history" testId="import-history">
        <Async state={history} rows={4}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState title="No imports yet">Your first dry run will appear here.</EmptyState>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">Roster imports, newest first</caption>
                <thead>
                  <tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">Teachers added</th><th scope="col">Rejected rows</th><th scope="col"><span className="visually-hidden">Report</span></th></tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.id} data-testid="import-history-row" data-applied={i.applied ? "true" : "false"}>
                      <td>{formatDateTime(i.imported_at)}</td>
                      <td>{i.applied ? "Applied" : "Dry run"}</td>
                      <td>{i.report?.summary?.teachers_rostered ?? 0}</td>
                      <td>{i.report?.errors?.length ?? 0}</td>
                      <td><Link to={`/district/roster/imports/${i.id}`}>Report<span className="visually-hidden"> of {formatDateTime(i.imported_at)}</span></Link></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </Card>
    </div>
  );
}

type Stage = { kind: "idle" } | { kind: "busy"; what: string } | { kind: "checked"; files: RosterFiles; result: RosterImport } | { kind: "applied"; result: RosterImport };

function Upload({ districtId, onImported }: { districtId: string; onImported: () => void }) {
  const api = useApi();
  const [chosen, setChosen] = useState<File[]>([]);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);

  async function dryRun() {
    setError(null);
    setStage({ kind: "busy", what: "Checking every row…" });
    try {
      const files = await readRosterFiles(chosen);
      if (typeof files === "string") {
        setError(files);
        return setStage({ kind: "idle" });
      }
      const result = await consoleApi.importRoster(api, districtId, files.orgs, files.users, true);
      setStage({ kind: "checked", files, result });
      onImported();
    } catch (e) {
      setError(describeError(e));
      setStage({ kind: "idle" });
    }
  }

  async function apply(files: RosterFiles) {
    setError(null);
    setStage({ kind: "busy", what: "Applying the import…" });
    try {
      const result = await consoleApi.importRoster(api, districtId, files.orgs, files.users, false);
      setStage({ kind: "applied", result });
      onImported();
    } catch (e) {
      setError(describeError(e));
      setStage({ kind: "idle" });
    }
  }

  return (
    <Card title="Import roster files" testId="roster-upload">
      <div className="file-drop">
        <label htmlFor="roster-files"><strong>OneRoster 1.1 files</strong>: the export zip, or its orgs.csv and users.csv</label>
        <input id="roster-files" type="file" accept=".zip,.csv" multiple onChange={(e) => { setChosen(Array.from(e.target.files ?? [])); setStage({ kind: "idle" }); }} data-testid="roster-files" aria-describedby="roster-files-hint" />
        <p id="roster-files-hint" className="field-hint">Only schools and teachers are read; students and other rows are skipped and never stored. Rows are matched by sourcedId, so importing the same files again changes nothing.</p>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={!chosen.length || stage.kind === "busy"} onClick={dryRun} data-testid="roster-dry-run">Check the files (dry run)</button>
        {stage.kind === "busy" && <span role="status">{stage.what}</span>}
      </div>
      {error && <p className="field-error" role="alert" data-testid="roster-error">{error}</p>}
      {stage.kind === "checked" && (
        <section className="import-stage" aria-labelledby="dry-run-title">
          <h3 id="dry-run-title">Dry run: nothing has changed yet</h3>
          <ImportReport record={stage.result} />
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={() => apply(stage.files)} data-testid="roster-apply">Apply this import</button>
            <span className="muted small">Rejected rows are left out; fix them in your export and import again.</span>
          </div>
        </section>
      )}
      {stage.kind === "applied" && (
        <section className="import-stage" aria-labelledby="applied-title">
          <p className="notice notice-good" role="status" id="applied-title" data-testid="roster-applied">
            The import was applied: {stage.result.report?.summary?.teachers_rostered ?? 0} teachers added. <Link to="/district/teachers">See the teachers</Link>.
          </p>
          <ImportReport record={stage.result} />
        </section>
      )}
    </Card>
  );
}
