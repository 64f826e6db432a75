// The district's teachers with their schools, searchable by name or email (the names live here,
// in the district's own workspace, never in the region's).
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { consoleApi } from "../api/console";
import "../district-admin.css";

const PAGE = 50;

export default function Teachers() {
  const api = useApi();
  const { claims } = useRequiredSession();
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const offset = Number(params.get("offset") ?? 0) || 0;
  const [typed, setTyped] = useState(search);
  const teachers = useQuery(`tenancy:teachers:${claims.org_id}:${search}:${offset}`, () => consoleApi.teachers(api, claims.org_id, search, offset));
  const schools = useQuery(`tenancy:schools:${claims.org_id}`, () => consoleApi.schools(api, claims.org_id));
  const names = new Map((schools.data ?? []).map((s) => [s.id, s.name]));
  const go = (next: { search?: string; offset?: number }) => {
    const query = new URLSearchParams();
    const s = next.search ?? search;
    if (s) query.set("search", s);
    if (next.offset) query.set("offset", String(next.offset));
    setParams(query);
  };
  return (
    <div className="page">
      <PageHeader title="Teachers" description="Everyone on your roster now. Change the roster with an import, so it stays what your student information system says." actions={<Link to="/district/roster">Import the roster</Link>} />
      <Card testId="teachers-list">
        <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); go({ search: typed.trim(), offset: 0 }); }}>
          <div className="field">
            <label htmlFor="teacher-search">Search by name or email</label>
            <input id="teacher-search" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="teacher-search" />
          </div>
          <button type="submit" className="btn btn-secondary">Search</button>
        </form>
        <Async state={teachers} rows={6}>
          {(page) =>
            (page.items ?? []).length === 0 ? (
              <EmptyState title={search ? "No teacher matches" : "No teachers yet"}>{search ? "Try part of a name or an email." : <>Import your roster to add them: <Link to="/district/roster">Roster</Link>.</>}</EmptyState>
            ) : (
              <>
                <p className="muted small" role="status" data-testid="teachers-total" data-value={page.total}>{page.total} teacher{page.total === 1 ? "" : "s"}{search ? ` match${page.total === 1 ? "es" : ""} “${search}”` : ""}</p>
                <table className="data-table">
                  <caption className="visually-hidden">Teachers on your roster</caption>
                  <thead>
                    <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Schools</th><th scope="col">Roster id</th></tr>
                  </thead>
                  <tbody>
                    {(page.items ?? []).map((t) => (
                      <tr key={t.id} data-testid="teacher-row" data-source-id={t.source_id ?? ""}>
                        <th scope="row">{t.given_name} {t.family_name}</th>
                        <td>{t.email ?? ""}</td>
                        <td>{(t.school_ids as string[] | undefined ?? []).map((id) => names.get(id) ?? "a school").join(", ")}</td>
                        <td>{t.source_id ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="form-actions">
                  <button type="button" className="btn btn-secondary btn-small" disabled={offset === 0} onClick={() => go({ offset: Math.max(0, offset - PAGE) })}>Previous</button>
                  <span className="muted small">{offset + 1}–{Math.min(offset + PAGE, page.total ?? 0)} of {page.total}</span>
                  <button type="button" className="btn btn-secondary btn-small" disabled={offset + PAGE >= (page.total ?? 0)} onClick={() => go({ offset: offset + PAGE })}>Next</button>
                </div>
              </>
            )
          }
        </Async>
      </Card>
    </div>
  );
}
