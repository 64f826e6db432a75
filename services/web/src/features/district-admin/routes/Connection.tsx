// The region connection: a pending invitation shows the region, the agreement's text and version
// and exactly what the region will and will not see; accept or decline it; disconnect an active
// connection; the history of every connection.
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { formatDate, formatDateTime } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { consoleApi, type Connection as Link } from "../api/console";
import "../district-admin.css";

const STATUS: Record<string, { label: string; tone: "good" | "info" | "warn" | "neutral" }> = {
  invited: { label: "Invitation waiting", tone: "info" },
  active: { label: "Connected", tone: "good" },
  declined: { label: "Declined", tone: "neutral" },
  withdrawn: { label: "Withdrawn by the region", tone: "neutral" },
  ended: { label: "Disconnected", tone: "warn" },
};

export default function Connection() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const links = useQuery(`tenancy:connections:${claims.org_id}`, () => consoleApi.connections(api, claims.org_id));
  const changed = () => { invalidate("tenancy:"); links.reload(); };
  return (
    <div className="page">
      <PageHeader title="Region connection" description="A connected region sees trends across its districts — never names. Your district works the same without one." />
      <Async state={links} rows={6}>
        {(all) => {
          const open = all.filter((c) => c.status === "invited");
          const active = all.find((c) => c.status === "active");
          return (
            <>
              {open.map((c) => <Invitation key={c.id} link={c} onAnswered={changed} />)}
              {active && <Active link={active} onEnded={changed} />}
              {!open.length && !active && (
                <Card title="Not connected" testId="connection-none">
                  <EmptyState title="No region invitation">
                    Your district is standalone. If your education service center uses Canopy, its region admin invites your district with your district id: <code>{claims.org_id}</code>.
                  </EmptyState>
                </Card>
              )}
              <History links={all} />
            </>
          );
        }}
      </Async>
    </div>
  );
}

function Sharing({ link }: { link: Link }) {
  return (
    <div className="sharing" data-testid="connection-sharing">
      <div>
        <h3>The region will see</h3>
        <ul data-testid="region-will-see">{(link.region_will_see ?? []).map((line) => <li key={line}>{line}</li>)}</ul>
      </div>
      <div>
        <h3>The region will never see</h3>
        <ul data-testid="region-will-not-see">{(link.region_will_not_see ?? []).map((line) => <li key={line}>{line}</li>)}</ul>
      </div>
    </div>
  );
}

function Agreement({ link }: { link: Link }) {
  return (
    <>
      <h3>Data-sharing agreement, version <span data-testid="agreement-version">{link.agreement_version}</span></h3>
      <div className="agreement-text" tabIndex={0} role="region" aria-label="Agreement text" data-testid="agreement-text">{link.agreement_text}</div>
    </>
  );
}

function Invitation({ link, onAnswered }: { link: Link; onAnswered: () => void }) {
  const api = useApi();
  const [read, setRead] = useState(false);
  const [confirmDecline, setConfirmDecline] = useState(false);
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  async function answer(action: () => Promise<unknown>) {
    setState({ busy: true });
    try {
      await action();
      setConfirmDecline(false);
      setState({});
      onAnswered();
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <Card title={`${link.region_name ?? "A region"} invites your district`} testId="connection-invitation">
      <p>Invited {formatDateTime(link.invited_at)}. Read the agreement and what it shares before you answer.</p>
      <Agreement link={link} />
      <Sharing link={link} />
      <label className="check">
        <input type="checkbox" checked={read} onChange={(e) => setRead(e.target.checked)} data-testid="agreement-read" /> I have read agreement version {link.agreement_version} and what the region will and will not see
      </label>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={!read || state.busy} onClick={() => answer(() => consoleApi.accept(api, link.id ?? "", link.agreement_version ?? ""))} data-testid="connection-accept">
          Accept and connect
        </button>
        <button type="button" className="btn btn-secondary" disabled={state.busy} onClick={() => setConfirmDecline(true)} data-testid="connection-decline">Decline</button>
      </div>
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
      <ConfirmDialog open={confirmDecline} title="Decline the invitation?" confirmLabel="Decline" busy={state.busy} onConfirm={() => answer(() => consoleApi.decline(api, link.id ?? ""))} onCancel={() => setConfirmDecline(false)}>
        <p>{link.region_name ?? "The region"} will not see your district. It can invite you again later.</p>
      </ConfirmDialog>
    </Card>
  );
}

function Active({ link, onEnded }: { link: Link; onEnded: () => void }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  async function disconnect() {
    setState({ busy: true });
    try {
      await consoleApi.disconnect(api, link.id ?? "");
      setConfirming(false);
      setState({});
      onEnded();
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }
  return (
    <Card title={`Connected to ${link.region_name ?? "a region"}`} testId="connection-active">
      <p>Since {formatDate(link.responded_at)}, under agreement version {link.agreement_version}.</p>
      <Sharing link={link} />
      <details>
        <summary>Read the agreement</summary>
        <Agreement link={link} />
      </details>
      <div className="form-actions">
        <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)} data-testid="connection-disconnect">Disconnect from the region</button>
      </div>
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
      <ConfirmDialog open={confirming} title={`Disconnect from ${link.region_name ?? "the region"}?`} confirmLabel="Disconnect" busy={state.busy} onConfirm={disconnect} onCancel={() => setConfirming(false)}>
        <p>The region stops seeing your district's trends at once, and its templates are no longer pushed to your schools. Your own data stays yours.</p>
      </ConfirmDialog>
    </Card>
  );
}

function History({ links }: { links: Link[] }) {
  return (
    <Card title="History" testId="connection-history">
      {links.length === 0 ? (
        <p className="muted">No connection yet.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Every connection of your district, newest first</caption>
          <thead>
            <tr><th scope="col">Region</th><th scope="col">Status</th><th scope="col">Agreement</th><th scope="col">Invited</th><th scope="col">Answered</th><th scope="col">Ended</th></tr>
          </thead>
          <tbody>
            {links.map((c) => {
              const status = STATUS[c.status ?? ""] ?? { label: c.status ?? "", tone: "neutral" as const };
              return (
                <tr key={c.id} data-testid="connection-row" data-status={c.status}>
                  <th scope="row">{c.region_name ?? "A region"}</th>
                  <td><Badge tone={status.tone}>{status.label}</Badge></td>
                  <td>version {c.agreement_version}</td>
                  <td>{formatDate(c.invited_at)}</td>
                  <td>{c.responded_at ? formatDate(c.responded_at) : "—"}</td>
                  <td>{c.ended_at ? formatDate(c.ended_at) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
