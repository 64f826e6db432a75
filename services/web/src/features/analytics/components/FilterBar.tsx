// The filters of an analytics screen. Each is a labelled select; changing one rewrites the URL.
import type { SummaryResponse } from "../api/types";
import { SelectField } from "@/components/ui/Form";
import { useSchools } from "../api/hooks";
import { useWorkspace } from "../lib/workspace";
import { GRADE_BANDS, periodOptions, SUBJECTS, SUBJECT_LABELS, type Filters } from "../lib/filters";

export type FilterName = "template" | "district" | "school" | "subject" | "grade" | "period" | "by" | "metric" | "compare" | "indicator";

export function FilterBar({
  summary,
  filters,
  onChange,
  show,
  templateId,
  terms = false,
}: {
  summary: SummaryResponse;
  filters: Filters;
  onChange: (change: Partial<Filters>) => void;
  show: FilterName[];
  templateId?: string;
  terms?: boolean;
}) {
  const schools = useSchools(show.includes("school") ? filters.district : undefined);
  const district = useWorkspace().tier === "district";
  const has = (name: FilterName) => show.includes(name) && !(district && (name === "district" || name === "compare"));
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-testid="filter-bar">
      {has("template") && (
        <SelectField label="Template" value={templateId ?? ""} onChange={(e) => onChange({ template: e.target.value })} data-testid="filter-template">
          {summary.templates.map((t) => (
            <option key={t.template_id} value={t.template_id}>{t.title || "Untitled template"}</option>
          ))}
        </SelectField>
      )}
      {has("compare") && (
        <SelectField label="Lines" value={filters.compare ?? ""} onChange={(e) => onChange({ compare: (e.target.value || undefined) as Filters["compare"] })} data-testid="filter-compare">
          <option value="">One per look-for</option>
          <option value="districts">One per district (one look-for)</option>
        </SelectField>
      )}
      {has("indicator") && (
        <SelectField label="Look-for" value={filters.indicator ?? ""} onChange={(e) => onChange({ indicator: e.target.value || undefined })} data-testid="filter-indicator">
          {(summary.templates.find((t) => t.template_id === templateId)?.indicators ?? []).map((i) => (
            <option key={i.indicator} value={i.indicator}>{i.text}</option>
          ))}
        </SelectField>
      )}
      {has("district") && (
        <SelectField label="District" value={filters.district ?? ""} onChange={(e) => onChange({ district: e.target.value || undefined })} data-testid="filter-district">
          <option value="">All districts</option>
          {summary.districts.map((d) => (
            <option key={d.district_id} value={d.district_id}>{d.name || d.district_id}</option>
          ))}
        </SelectField>
      )}
      {has("school") && (
        <SelectField
          label="School"
          value={filters.school ?? ""}
          disabled={!filters.district}
          hint={filters.district ? undefined : "Choose a district first"}
          onChange={(e) => onChange({ school: e.target.value || undefined })}
          data-testid="filter-school"
        >
          <option value="">All schools</option>
          {(schools.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </SelectField>
      )}
      {has("subject") && (
        <SelectField label="Subject" value={filters.subject ?? ""} onChange={(e) => onChange({ subject: e.target.value || undefined })} data-testid="filter-subject">
          <option value="">All subjects</option>
          {SUBJECTS.map((s) => (
            <option key={s} value={s}>{SUBJECT_LABELS[s]}</option>
          ))}
        </SelectField>
      )}
      {has("grade") && (
        <SelectField label="Grade band" value={filters.grade ?? ""} onChange={(e) => onChange({ grade: e.target.value || undefined })} data-testid="filter-grade">
          <option value="">All grades</option>
          {GRADE_BANDS.map((g) => (
            <option key={g} value={g}>Grades {g}</option>
          ))}
        </SelectField>
      )}
      {has("period") && (
        <SelectField label="Period" value={filters.period ?? `school_year:${summary.school_year}`} onChange={(e) => onChange({ period: e.target.value })} data-testid="filter-period">
          {periodOptions(summary.school_year, terms).map((p) => (
            <option key={p.value} value={p.value}>{p.label}</option>
          ))}
        </SelectField>
      )}
      {has("by") && (
        <SelectField label="Show by" value={filters.by ?? "month"} onChange={(e) => onChange({ by: e.target.value as Filters["by"] })} data-testid="filter-by">
          <option value="week">Week</option>
          <option value="month">Month</option>
        </SelectField>
      )}
      {has("metric") && (
        <SelectField label="Measure" value={filters.metric ?? "mean"} onChange={(e) => onChange({ metric: e.target.value as Filters["metric"] })} data-testid="filter-metric">
          <option value="mean">Mean rating</option>
          <option value="share">Share at or above target</option>
        </SelectField>
      )}
    </form>
  );
}
