// What every analytics screen shares: the summary (templates, districts, school year) it needs
// for its filters, the URL filters, and the chosen template.
import type { ReactNode } from "react";
import type { SummaryResponse } from "../api/types";
import { PageHeader } from "@/components/ui/Layout";
import { Async, EmptyState } from "@/components/ui/States";
import { useSummary } from "../api/hooks";
import type { Filters } from "../lib/filters";
import { useFilters } from "../lib/use-filters";
import { useWorkspace } from "../lib/workspace";
import { ExactFiguresBanner } from "./ExactFigures";

export interface ScreenContext {
  summary: SummaryResponse;
  filters: Filters;
  setFilters: (change: Partial<Filters>) => void;
  templateId: string | undefined;
}

export function ScreenFrame({ title, description, needsTemplate = true, children }: { title: string; description: string; needsTemplate?: boolean; children: (ctx: ScreenContext) => ReactNode }) {
  const summary = useSummary();
  const [urlFilters, setFilters] = useFilters();
  const workspace = useWorkspace();
  return (
    <div className="page">
      <PageHeader title={title} description={description} />
      <Async state={summary} rows={6}>
        {(s) => {
          // A district sees its own district only: the filter is pinned to it (schools drill down).
          const own = workspace.tier === "district" ? s.districts[0]?.district_id : undefined;
          const filters = own ? { ...urlFilters, district: own } : urlFilters;
          const templateId =
            filters.template && s.templates.some((t) => t.template_id === filters.template)
              ? filters.template
              : s.templates[0]?.template_id;
          if (needsTemplate && !templateId) {
            return (
              <>
              {workspace.tier === "district" && <ExactFiguresBanner name={s.name} />}
              <EmptyState title="No walkthroughs to show yet">
                Figures appear once schools {workspace.tier === "district" ? "in your district" : "in your connected districts"} submit
                walkthroughs with a template.
              </EmptyState>
              </>
            );
          }
          return (
            <>
              {workspace.tier === "district" && <ExactFiguresBanner name={s.name} />}
              {children({ summary: s, filters, setFilters, templateId })}
            </>
          );
        }}
      </Async>
    </div>
  );
}
