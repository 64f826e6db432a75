// Editing a template's content: what a new section or look-for starts as, turning a stored draft
// into the editable form, and the checks a person sees before the service is asked.
import type { components } from "@/api/generated/templates";

type Draft = components["schemas"]["DraftOut"];
export type Content = components["schemas"]["ContentIn"];
export type SectionIn = components["schemas"]["SectionIn"];
export type IndicatorIn = components["schemas"]["IndicatorIn"];

export const DEFAULT_LEVELS = [
  { value: 1, label: "Beginning", descriptor: "" },
  { value: 2, label: "Developing", descriptor: "" },
  { value: 3, label: "Proficient", descriptor: "" },
  { value: 4, label: "Exemplary", descriptor: "" },
];

export function newIndicator(): IndicatorIn {
  return { key: null, text: "", required: false, tags: [], scale: { kind: "levels", levels: DEFAULT_LEVELS.map((l) => ({ ...l })), min: null, max: null } };
}

export function newSection(): SectionIn {
  return { key: null, title: "", indicators: [newIndicator()] };
}

export function emptyContent(): Content {
  return { title: "", description: "", sections: [newSection()] };
}

/** A stored draft as editable content. Keys are kept so unchanged look-fors keep their history. */
export function contentFromDraft(draft: Draft | null | undefined, fallbackTitle = ""): Content {
  if (!draft) return { ...emptyContent(), title: fallbackTitle };
  return {
    title: draft.title ?? fallbackTitle,
    description: draft.description ?? "",
    sections: [...(draft.sections ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        key: s.key,
        title: s.title,
        indicators: s.indicators.map((i) => ({
          key: i.key,
          text: i.text,
          required: i.required,
          tags: i.tags,
          scale: { kind: i.scale.kind, levels: i.scale.levels.map((l) => ({ ...l })), min: i.scale.min ?? null, max: i.scale.max ?? null },
        })),
      })),
  };
}

export interface Problem {
  path: string;
  message: string;
}

/** What must be fixed before saving, in words a person can act on. */
export function problemsOf(content: Content): Problem[] {
  const problems: Problem[] = [];
  if (!content.title.trim()) problems.push({ path: "title", message: "Give the template a title." });
  const sections = content.sections ?? [];
  if (!sections.length) problems.push({ path: "sections", message: "Add at least one section." });
  sections.forEach((section, si) => {
    const where = `Section ${si + 1}`;
    if (!section.title.trim()) problems.push({ path: `sections.${si}.title`, message: `${where}: give it a title.` });
    const indicators = section.indicators ?? [];
    if (!indicators.length) problems.push({ path: `sections.${si}.indicators`, message: `${where}: add at least one look-for.` });
    indicators.forEach((indicator, ii) => {
      const what = `${where}, look-for ${ii + 1}`;
      if (!indicator.text.trim()) problems.push({ path: `sections.${si}.indicators.${ii}.text`, message: `${what}: describe what an observer looks for.` });
      if (indicator.scale.kind === "levels") {
        const levels = indicator.scale.levels ?? [];
        if (levels.length < 2) problems.push({ path: `sections.${si}.indicators.${ii}.scale`, message: `${what}: a rating scale needs at least two levels.` });
        const values = levels.map((l) => l.value);
        if (new Set(values).size !== values.length) problems.push({ path: `sections.${si}.indicators.${ii}.scale`, message: `${what}: each level needs its own number.` });
        if (levels.some((l) => !l.label.trim())) problems.push({ path: `sections.${si}.indicators.${ii}.scale`, message: `${what}: name every level.` });
      }
    });
  });
  return problems;
}

/** The content as sent: trimmed text; levels only for a levels scale. */
export function toPayload(content: Content): Content {
  return {
    title: content.title.trim(),
    description: content.description.trim(),
    sections: (content.sections ?? []).map((s) => ({
      key: s.key,
      title: s.title.trim(),
      indicators: (s.indicators ?? []).map((i) => ({
        ...i,
        text: i.text.trim(),
        scale: i.scale.kind === "levels" ? { ...i.scale, levels: (i.scale.levels ?? []).map((l) => ({ ...l, label: l.label.trim() })) } : { kind: i.scale.kind, levels: [], min: i.scale.min, max: i.scale.max },
      })),
    })),
  };
}
