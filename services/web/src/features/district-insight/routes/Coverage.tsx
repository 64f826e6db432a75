// Coverage a principal can act on: who has not been observed in the window, and each observer's
// visits against the district's weekly target, per school.
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { SelectField } from "@/components/ui/Form";
import { EmptyState, LoadingBlock } from "@/components/ui/States";
import { useRequiredSession } from "@/lib/app-context";
import { formatDate, formatInteger } from "@/lib/format";
import { useCoverage, useDirectory, useInsightSchools } from "../api/hooks";
import type { Coverage as CoverageAnswer, School } from "../api/insight";
import { InsightError } from "../components/ScopeRefusal";
import { ObserverTable } from "../components/ObserverTable";
import { TargetForm } from "../components/TargetForm";
import { isWindow, notObserved, windowRange, WINDOWS, type CoverageWindow } from "../lib/coverage";
import "../insight.css";

export default function Coverage() {
  const [params, setParams] = useSearchParams();
  const { claims } = useRequiredSession();
  const school = params.get("school") ?? undefined;
  const rawWindow = params.get("window");
  const window: CoverageWindow = isWindow(rawWindow) ? rawWindow : "term";
  const query = useMemo(() => ({ ...windowRange(window, new Date()), school_id: school }), [window, school]);
  const coverage = useCoverage(query);
  const directory = useDirectory();
  const schools = useInsightSchools();
  const principal = claims.role === "school_admin";
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return (
    <div className="page">
      <PageHeader
        title="Coverage"
        description="Who has not been observed yet, and each observer's visits against your district's weekly target."
      />
      <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-testid="filter-bar">
        {!principal && (
          <SelectField label="School" value={school ?? ""} onChange={(e) => set("school", e.target.value || undefined)} data-testid="filter-school">
            <option value="">All schools</option>
            {(schools.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </SelectField>
        )}
        <SelectField label="Window" value={window} onChange={(e) => set("window", e.target.value)} data-testid="filter-window">
          {WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>{w.label}</option>
          ))}
        </SelectField>
      </form>
      {coverage.error ? (
        <InsightError error={coverage.error} retry={coverage.reload} back="/district/coverage" backLabel="Back to your coverage" />
      ) : !coverage.data || !directory.data ? (
        <LoadingBlock rows={8} />
      ) : (
        <CoverageBody coverage={coverage.data} names={directory.data.names} schools={schools.data ?? []} principal={principal} onSaved={coverage.reload} />
      )}
    </div>
  );
}

function CoverageBody({ coverage, names, schools, principal, onSaved }: { coverage: CoverageAnswer; names: Map<string, string>; schools: School[]; principal: boolean; onSaved: () => void }) {
  const schoolName = (id: string) => coverage.schools?.find((s) => s.school_id === id)?.school_name ?? schools.find((s) => s.id === id)?.name ?? "School";
  const missing = notObserved(coverage, names);
  const teachers = coverage.teachers?.length ?? 0;
  const walkthroughs = (coverage.schools ?? []).reduce((n, s) => n + (s.walkthroughs ?? 0), 0);
  const range = `${formatDate(coverage.from)} – ${formatDate(coverage.to)}`;
  return (
    <div data-testid="coverage" data-from={coverage.from} data-to={coverage.to}>
      <p className="muted">Window: {range}</p>
      <div className="kpis">
        <Kpi label="Teachers on the roster" value={teachers} testId="kpi-teachers" />
        <Kpi label="Not observed in this window" value={missing.length} testId="kpi-not-observed" />
        <Kpi label="Observed" value={teachers - missing.length} testId="kpi-observed" />
        <Kpi label="Walkthroughs" value={walkthroughs} testId="kpi-walkthroughs" />
      </div>
      <Card title={`Not yet observed (${missing.length})`} testId="not-observed">
        {missing.length === 0 ? (
          <EmptyState title={teachers === 0 ? "No teachers on the roster" : "Everyone has been observed in this window"}>
            {teachers === 0 ? "Teachers appear here once your district admin imports the roster." : "Choose a longer window to look further back."}
          </EmptyState>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Teachers with no walkthrough in this window</caption>
            <thead>
              <tr>
                <th scope="col">Teacher</th>
                <th scope="col">School</th>
                <th scope="col">Last observed</th>
              </tr>
            </thead>
            <tbody>
              {missing.map((t) => (
                <tr key={`${t.teacherId}:${t.schoolId}`} data-testid="not-observed-row" data-teacher={t.teacherId} data-school={t.schoolId}>
                  <th scope="row">{t.name}</th>
                  <td>{schoolName(t.schoolId)}</td>
                  <td>
                    {t.lastObservedOn ? (
                      <Link to={`/district/walkthroughs?teacher=${t.teacherId}`}>{formatDate(t.lastObservedOn)}</Link>
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card
        title="Visits per observer"
        testId="observer-visits"
        actions={!principal ? <TargetForm current={coverage.weekly_target ?? null} onSaved={onSaved} /> : undefined}
      >
        <p className="muted" data-testid="target-summary" data-value={coverage.weekly_target ?? ""}>
          {coverage.weekly_target
            ? `Target: ${coverage.weekly_target} walkthrough${coverage.weekly_target === 1 ? "" : "s"} a week per observer — ${coverage.expected_per_observer} in this window.`
            : principal
              ? "Your district has not set a weekly target yet."
              : "No weekly target set yet: set one to see who is on track."}
        </p>
        <ObserverTable coverage={coverage} names={names} schoolName={schoolName} />
      </Card>
      {!principal && (coverage.schools?.length ?? 0) > 0 && (
        <Card title="By school" testId="coverage-schools">
          <table className="data-table">
            <caption className="visually-hidden">Teachers observed and walkthroughs per school in this window</caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col" className="num">Teachers</th>
                <th scope="col" className="num">Observed</th>
                <th scope="col" className="num">Walkthroughs</th>
              </tr>
            </thead>
            <tbody>
              {(coverage.schools ?? []).map((s) => (
                <tr key={s.school_id} data-testid="school-row" data-school={s.school_id}>
                  <th scope="row">
                    <Link to={`/district/coverage?school=${s.school_id}`}>{s.school_name}</Link>
                  </th>
                  <td className="num">{formatInteger(s.teachers ?? 0)}</td>
                  <td className="num" data-testid="school-observed" data-value={s.teachers_observed ?? 0}>{formatInteger(s.teachers_observed ?? 0)}</td>
                  <td className="num">{formatInteger(s.walkthroughs ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}

function Kpi({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="kpi" data-testid={testId} data-value={value}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{formatInteger(value)}</div>
    </div>
  );
}
