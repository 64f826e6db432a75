// The district's (a principal: the school's) walkthroughs with names: filter, page, open one,
// and download them all in full.
import { Link, useSearchParams } from "react-router";
import { Badge, Card, PageHeader } from "@/components/ui/Layout";
import { EmptyState, LoadingBlock } from "@/components/ui/States";
import { formatDate, formatInteger } from "@/lib/format";
import { useDirectory, useWalkthroughs } from "../api/hooks";
import type { WalkthroughPage } from "../api/insight";
import { DownloadForm } from "../components/DownloadForm";
import { InsightError } from "../components/ScopeRefusal";
import { WalkthroughFilterBar } from "../components/WalkthroughFilterBar";
import { observerLabel } from "../lib/coverage";
import { filtersFrom, listQuery, PAGE_SIZE, toParams, type WalkthroughFilters } from "../lib/walkthrough-filters";
import "../insight.css";

export default function Walkthroughs() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = useWalkthroughs(listQuery(filters));
  const directory = useDirectory();
  const change = (next: Partial<WalkthroughFilters>) => setParams(toParams({ ...filters, offset: undefined, ...next }), { replace: true });
  return (
    <div className="page">
      <PageHeader title="Walkthroughs" description="Every walkthrough you may read, with names, ratings and notes. Open one to read it in full." />
      <WalkthroughFilterBar filters={filters} onChange={change} directory={directory.data} />
      {page.error ? (
        <InsightError error={page.error} retry={page.reload} back="/district/walkthroughs" backLabel="Back to your walkthroughs" />
      ) : !page.data || !directory.data ? (
        <LoadingBlock rows={8} />
      ) : (
        <>
          <WalkthroughTable page={page.data} names={directory.data.names} onPage={(offset) => change({ offset: offset || undefined })} />
          <DownloadForm filters={filters} names={directory.data.names} total={page.data.total ?? 0} />
        </>
      )}
    </div>
  );
}

function WalkthroughTable({ page, names, onPage }: { page: WalkthroughPage; names: Map<string, string>; onPage: (offset: number) => void }) {
  const items = page.items ?? [];
  const total = page.total ?? 0;
  const offset = page.offset ?? 0;
  if (total === 0) {
    return (
      <Card>
        <EmptyState title="No walkthroughs match">Clear a filter or widen the dates to see more.</EmptyState>
      </Card>
    );
  }
  return (
    <Card title={`${formatInteger(total)} walkthrough${total === 1 ? "" : "s"}`} testId="walkthrough-list" >
      <table className="data-table" data-total={total}>
        <caption className="visually-hidden">Walkthroughs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Teacher</th>
            <th scope="col">School</th>
            <th scope="col">Observer</th>
            <th scope="col">Template</th>
            <th scope="col">Shared with teacher</th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => (
            <tr key={w.observation_id} data-testid="walkthrough-row" data-id={w.observation_id}>
              <td>
                <Link className="row-link" to={`/district/walkthroughs/${w.observation_id}`}>
                  {formatDate(`${w.observed_on}T12:00:00`)}
                  <span className="visually-hidden">: {names.get(w.teacher_id ?? "") || "teacher"}</span>
                </Link>
              </td>
              <th scope="row">{names.get(w.teacher_id ?? "") || "Teacher not on your roster"}</th>
              <td>{w.school_name}</td>
              <td>{names.get(w.observer_id ?? "") || observerLabel(w.observer_id ?? "")}</td>
              <td>{w.template_title}</td>
              <td>{w.shared_with_teacher ? <Badge tone="good">Shared</Badge> : <Badge>Not shared</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        <span className="muted">
          {offset + 1}–{offset + items.length} of {formatInteger(total)}
        </span>
        <button type="button" className="btn btn-secondary" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
          Newer
        </button>
        <button type="button" className="btn btn-secondary" disabled={page.next_offset == null} onClick={() => onPage(page.next_offset ?? 0)} data-testid="next-page">
          Older
        </button>
      </nav>
    </Card>
  );
}
