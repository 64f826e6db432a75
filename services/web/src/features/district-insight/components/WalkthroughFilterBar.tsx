// The walkthrough list's filters: school (district staff), teacher, observer, template, dates and
// whether the teacher sees it. Choices come from the roster (names), this school year's coverage
// (observers) and the walkthroughs themselves (templates).
import { SelectField, TextField } from "@/components/ui/Form";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { useQuery } from "@/lib/use-query";
import { useCoverage, useInsightSchools } from "../api/hooks";
import { insightApi, type Directory } from "../api/insight";
import { observerLabel } from "../lib/coverage";
import type { WalkthroughFilters } from "../lib/walkthrough-filters";

function schoolYearStart(today: Date): string {
  const year = today.getUTCMonth() >= 6 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return `${year}-07-01`;
}

export function WalkthroughFilterBar({ filters, onChange, directory }: { filters: WalkthroughFilters; onChange: (next: Partial<WalkthroughFilters>) => void; directory: Directory | undefined }) {
  const api = useApi();
  const { claims } = useRequiredSession();
  const principal = claims.role === "school_admin";
  const schools = useInsightSchools();
  const year = useCoverage({ from: schoolYearStart(new Date()), school_id: principal ? undefined : filters.school });
  const recent = useQuery("insight:recent-templates", () => insightApi.walkthroughs(api, { limit: 200 }));
  const templates = new Map((recent.data?.items ?? []).map((w) => [w.template_id ?? "", w.template_title ?? "Untitled template"]));
  const observers = [...new Set((year.data?.observers ?? []).map((o) => o.observer_id ?? ""))]
    .map((id) => ({ id, name: directory?.names.get(id) || observerLabel(id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const teachers = (directory?.teachers ?? []).filter((t) => !filters.school || t.schoolIds.includes(filters.school));
  const keep = (id: string | undefined, known: boolean) => (id && !known ? <option value={id}>Chosen in the link</option> : null);
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-testid="filter-bar">
      {!principal && (
        <SelectField label="School" value={filters.school ?? ""} onChange={(e) => onChange({ school: e.target.value || undefined, teacher: undefined })} data-testid="filter-school">
          <option value="">All schools</option>
          {(schools.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
          {keep(filters.school, (schools.data ?? []).some((s) => s.id === filters.school))}
        </SelectField>
      )}
      <SelectField label="Teacher" value={filters.teacher ?? ""} onChange={(e) => onChange({ teacher: e.target.value || undefined })} data-testid="filter-teacher">
        <option value="">All teachers</option>
        {teachers.map((t) => (
          <option key={t.id} value={t.id}>{t.name}</option>
        ))}
        {keep(filters.teacher, teachers.some((t) => t.id === filters.teacher))}
      </SelectField>
      <SelectField label="Observer" value={filters.observer ?? ""} onChange={(e) => onChange({ observer: e.target.value || undefined })} data-testid="filter-observer">
        <option value="">All observers</option>
        {observers.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
        {keep(filters.observer, observers.some((o) => o.id === filters.observer))}
      </SelectField>
      <SelectField label="Template" value={filters.template ?? ""} onChange={(e) => onChange({ template: e.target.value || undefined })} data-testid="filter-template">
        <option value="">All templates</option>
        {[...templates].map(([id, title]) => (
          <option key={id} value={id}>{title}</option>
        ))}
        {keep(filters.template, templates.has(filters.template ?? ""))}
      </SelectField>
      <TextField label="From" type="date" value={filters.from ?? ""} onChange={(e) => onChange({ from: e.target.value || undefined })} data-testid="filter-from" />
      <TextField label="To" type="date" value={filters.to ?? ""} onChange={(e) => onChange({ to: e.target.value || undefined })} data-testid="filter-to" />
      <SelectField label="Shared with teacher" value={filters.shared ?? ""} onChange={(e) => onChange({ shared: (e.target.value || undefined) as WalkthroughFilters["shared"] })} data-testid="filter-shared">
        <option value="">Either</option>
        <option value="true">Shared</option>
        <option value="false">Not shared</option>
      </SelectField>
    </form>
  );
}
