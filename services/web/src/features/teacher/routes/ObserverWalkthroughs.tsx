// /observer/walkthroughs: the walkthroughs I ran (an observer or a region coach), newest first,
// with where each stands with its teacher — not shared, awaiting, acknowledged, the reply — and
// a one-click share for the ones not shared yet.
import { useState } from "react";
import { SelectField } from "@/components/ui/Form";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { describeError } from "@/lib/api/errors";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { formatDate } from "@/lib/format";
import { invalidate, useQuery } from "@/lib/use-query";
import { MAX_PAGE, walkthroughsApi, type Walkthrough } from "../api/walkthroughs";
import { subjectLabel } from "../components/FeedbackCard";
import { feedbackStatus, STATUS_LABELS, type FeedbackStatus } from "../lib/status";
import "../teacher.css";

const TONES: Record<FeedbackStatus, "neutral" | "warn" | "good" | "info"> = {
  not_shared: "neutral",
  awaiting: "warn",
  acknowledged: "good",
  replied: "info",
};

export default function ObserverWalkthroughs() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const key = `intake:my-walkthroughs:${claims.sub}`;
  const list = useQuery(key, () => walkthroughsApi.list(api, MAX_PAGE));
  const names = useQuery(list.data ? `${key}:names:${list.data.items.length}` : null, () =>
    walkthroughsApi.teacherNames(api, list.data?.items ?? []),
  );
  const [show, setShow] = useState<"all" | FeedbackStatus>("all");
  const [state, setState] = useState<{ busy?: string; error?: string }>({});

  async function share(w: Walkthrough) {
    setState({ busy: w.observation_id });
    try {
      await walkthroughsApi.share(api, w.observation_id ?? "");
      invalidate(key);
      list.reload();
      setState({});
    } catch (e) {
      setState({ error: describeError(e) });
    }
  }

  return (
    <div className="page" data-testid="my-walkthroughs">
      <PageHeader
        title="My walkthroughs"
        description="The walkthroughs you ran, newest first, and what each teacher answered once you shared it."
      />
      <Async state={list} rows={6}>
        {({ items, total }) =>
          items.length === 0 ? (
            <EmptyState title="No walkthroughs yet">Walkthroughs you submit appear here with the teacher's answer.</EmptyState>
          ) : (
            <Card
              title={`${total} walkthrough${total === 1 ? "" : "s"}`}
              actions={
                <SelectField label="Show" value={show} onChange={(e) => setShow(e.target.value as typeof show)} data-testid="my-walkthroughs-filter">
                  <option value="all">All</option>
                  {(Object.keys(STATUS_LABELS) as FeedbackStatus[]).map((s) => (
                    <option key={s} value={s}>{STATUS_LABELS[s]}</option>
                  ))}
                </SelectField>
              }
            >
              {state.error && <p className="field-error" role="alert">{state.error}</p>}
              <WalkthroughTable
                rows={items.filter((w) => show === "all" || feedbackStatus(w) === show)}
                names={names.data ?? {}}
                busy={state.busy}
                onShare={share}
              />
            </Card>
          )
        }
      </Async>
    </div>
  );
}

function WalkthroughTable({
  rows,
  names,
  busy,
  onShare,
}: {
  rows: Walkthrough[];
  names: Record<string, string>;
  busy: string | undefined;
  onShare: (w: Walkthrough) => void;
}) {
  if (rows.length === 0) return <p className="muted">No walkthrough matches this choice.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Walkthroughs you ran and the teachers' answers</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Teacher</th>
            <th scope="col">School</th>
            <th scope="col">Class</th>
            <th scope="col">With the teacher</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => {
            const status = feedbackStatus(w);
            return (
              <tr key={w.observation_id} data-testid="my-walkthrough" data-observation-id={w.observation_id} data-status={status}>
                <td className="nowrap">{formatDate(w.observed_on)}</td>
                <th scope="row">{names[w.teacher_id ?? ""] ?? <span className="muted">Teacher not on your roster</span>}</th>
                <td>{w.school_name ?? "–"}</td>
                <td>{subjectLabel(w.subject)}, grade {w.grade_level}</td>
                <td>
                  <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>
                  {w.acknowledgement && (
                    <div className="small muted" data-testid="my-walkthrough-ack">
                      on {formatDate(w.acknowledgement.acknowledged_at)}
                      {w.acknowledgement.reply && <>: <q data-testid="my-walkthrough-reply">{w.acknowledgement.reply}</q></>}
                    </div>
                  )}
                  {status === "not_shared" && (
                    <div className="share-action">
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={busy === w.observation_id}
                      onClick={() => onShare(w)}
                      data-testid="my-walkthrough-share"
                    >
                      Share with the teacher
                    </button>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
