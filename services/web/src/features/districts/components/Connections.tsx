// The region's district connections: status and agreement, invite, withdraw, disconnect.
import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { TextArea, TextField } from "@/components/ui/Form";
import { Badge, Card } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { ApiError, describeError } from "@/lib/api/errors";
import { useApi } from "@/lib/app-context";
import { formatDate, formatDateTime } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { districtsApi, type Connection } from "../api/districts";
import { actionFor, DEFAULT_AGREEMENT, latestPerDistrict, STATUS_LABELS } from "../lib/connections";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function Connections() {
  const api = useApi();
  const connections = useQuery("tenancy:connections", () => districtsApi.connections(api));
  const districts = useQuery("tenancy:districts", () => districtsApi.districts(api));
  const [pending, setPending] = useState<{ connection: Connection; action: "withdraw" | "disconnect" } | null>(null);
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  const nameOf = (id?: string) => districts.data?.find((d) => d.id === id)?.name;
  const refresh = () => {
    connections.reload();
    districts.reload();
    invalidate("analytics:");
  };

  async function confirm() {
    if (!pending) return;
    const { connection, action } = pending;
    setState({ busy: true });
    try {
      if (action === "withdraw") await districtsApi.withdraw(api, connection.id ?? "");
      else await districtsApi.disconnect(api, connection.id ?? "");
      setState({ busy: false, message: action === "withdraw" ? "The invitation was withdrawn." : `${nameOf(connection.district_id) ?? "The district"} is disconnected.` });
      refresh();
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    } finally {
      setPending(null);
    }
  }

  const pendingName = pending ? nameOf(pending.connection.district_id) ?? "this district" : "";
  return (
    <Card title="District connections" testId="connections">
      <Async state={connections} rows={4}>
        {(all) => {
          const rows = latestPerDistrict(all);
          if (!rows.length) return <EmptyState title="No districts yet">Invite a district below with the id its admin shared with you.</EmptyState>;
          return (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">Each district's latest connection with the region</caption>
                <thead>
                  <tr>
                    <th scope="col">District</th>
                    <th scope="col">Status</th>
                    <th scope="col">Agreement</th>
                    <th scope="col">Since</th>
                    <th scope="col"><span className="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => {
                    const status = STATUS_LABELS[c.status ?? ""] ?? { label: c.status ?? "", tone: "neutral" as const };
                    const action = actionFor(c);
                    const history = all.filter((x) => x.district_id === c.district_id && x.id !== c.id);
                    return (
                      <tr key={c.id} data-testid="connection-row" data-district={c.district_id} data-status={c.status}>
                        <th scope="row">
                          {nameOf(c.district_id) ?? <span className="muted">District <code>{c.district_id?.slice(0, 8)}</code></span>}
                          {history.length > 0 && <div className="muted small">{history.length} earlier connection{history.length === 1 ? "" : "s"}</div>}
                        </th>
                        <td><Badge tone={status.tone}>{status.label}</Badge></td>
                        <td>
                          <details>
                            <summary>Version {c.agreement_version}</summary>
                            <div className="agreement" data-testid="agreement-text">{c.agreement_text}</div>
                          </details>
                        </td>
                        <td className="small">{formatDate(c.ended_at ?? c.responded_at ?? c.invited_at)}</td>
                        <td>
                          {action && (
                            <button type="button" className={`btn btn-small ${action === "disconnect" ? "btn-danger-outline" : "btn-secondary"}`} onClick={() => setPending({ connection: c, action })} data-testid={`connection-${action}`}>
                              {action === "disconnect" ? "Disconnect" : "Withdraw invitation"}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
      {state.message && <p className="notice notice-good" role="status">{state.message}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
      <InviteForm onInvited={refresh} />
      <ConfirmDialog
        open={!!pending}
        title={pending?.action === "disconnect" ? `Disconnect ${pendingName}?` : `Withdraw the invitation to ${pendingName}?`}
        confirmLabel={pending?.action === "disconnect" ? `Disconnect ${pendingName}` : "Withdraw invitation"}
        busy={state.busy}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending?.action === "disconnect" ? (
          <>
            <p>The region will lose, at once:</p>
            <ul>
              <li>{pendingName}'s figures in the overview, trends, heat map, distribution and coverage;</li>
              <li>{pendingName} in new exports and partner snapshots;</li>
              <li>the region templates pushed to {pendingName}: its schools stop using them for new walkthroughs (the district keeps its own templates and forks).</li>
            </ul>
            <p>Exports already downloaded are not recalled. To connect again, send a new invitation that {pendingName}'s admin must accept.</p>
          </>
        ) : (
          <p>{pendingName}'s admin will no longer be able to accept this agreement. You can invite the district again later.</p>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const api = useApi();
  const [districtId, setDistrictId] = useState("");
  const [version, setVersion] = useState("1.0");
  const [text, setText] = useState(DEFAULT_AGREEMENT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!UUID.test(districtId.trim())) found.district_id = "Paste the district id its admin shared with you (36 characters, like 029c2f93-17de-…).";
    if (!version.trim()) found.agreement_version = "Name the agreement's version, e.g. 1.0.";
    if (!text.trim()) found.agreement_text = "Write the agreement the district will accept.";
    setErrors(found);
    if (Object.keys(found).length) return;
    setState({ busy: true });
    try {
      const invited = await districtsApi.invite(api, { district_id: districtId.trim(), agreement_text: text, agreement_version: version.trim() });
      setState({ busy: false, message: `Invitation sent ${formatDateTime(invited.invited_at)}. The district's admin sees the agreement and accepts or declines it.` });
      setDistrictId("");
      onInvited();
    } catch (e) {
      if (e instanceof ApiError && e.field) setErrors({ [e.field]: e.message });
      setState({ busy: false, error: describeError(e) });
    }
  }

  return (
    <form className="invite" onSubmit={submit} noValidate data-testid="invite-form">
      <h3>Invite a district</h3>
      <div className="form-grid">
        <TextField label="District id" hint="The district's admin finds it in their Canopy settings." value={districtId} onChange={(e) => setDistrictId(e.target.value)} error={errors.district_id} data-testid="invite-district" />
        <TextField label="Agreement version" value={version} onChange={(e) => setVersion(e.target.value)} error={errors.agreement_version} data-testid="invite-version" />
      </div>
      <TextArea label="Data-sharing agreement" rows={8} value={text} onChange={(e) => setText(e.target.value)} error={errors.agreement_text} data-testid="invite-text" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={state.busy} data-testid="invite-submit">{state.busy ? "Sending…" : "Send invitation"}</button>
      </div>
      {state.message && <p className="notice notice-good" role="status">{state.message}</p>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </form>
  );
}
