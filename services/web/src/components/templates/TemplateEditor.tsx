// Authoring a template's draft: title, sections, look-fors and their rating scales (the region's
// and the district's template screens alike).
import { newIndicator, newSection, type Content, type IndicatorIn, type Problem, type SectionIn } from "@/lib/templates/content";

type Scale = IndicatorIn["scale"];

function replaceAt<T>(items: T[], index: number, item: T): T[] {
  return items.map((x, i) => (i === index ? item : x));
}
function removeAt<T>(items: T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function TemplateEditor({ value, onChange, problems, showProblems }: { value: Content; onChange: (next: Content) => void; problems: Problem[]; showProblems: boolean }) {
  const errorFor = (path: string) => (showProblems ? problems.find((p) => p.path === path)?.message : undefined);
  const sections = value.sections ?? [];
  const setSection = (i: number, s: SectionIn) => onChange({ ...value, sections: replaceAt(sections, i, s) });
  return (
    <div className="editor" data-testid="template-editor">
      <div className="field">
        <label htmlFor="tpl-title">Template title</label>
        <input id="tpl-title" value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} aria-invalid={!!errorFor("title") || undefined} data-testid="template-title" />
        {errorFor("title") && <div className="field-error">{errorFor("title")}</div>}
      </div>
      <div className="field">
        <label htmlFor="tpl-desc">Description (optional)</label>
        <textarea id="tpl-desc" value={value.description} onChange={(e) => onChange({ ...value, description: e.target.value })} rows={2} />
      </div>
      {sections.map((section, si) => (
        <fieldset key={si} className="editor-section" data-testid="editor-section">
          <legend>Section {si + 1}</legend>
          <div className="editor-row">
            <div className="field grow">
              <label htmlFor={`sec-${si}`}>Section title</label>
              <input id={`sec-${si}`} value={section.title} onChange={(e) => setSection(si, { ...section, title: e.target.value })} data-testid="section-title" />
              {errorFor(`sections.${si}.title`) && <div className="field-error">{errorFor(`sections.${si}.title`)}</div>}
            </div>
            {sections.length > 1 && (
              <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange({ ...value, sections: removeAt(sections, si) })}>
                Remove section {si + 1}
              </button>
            )}
          </div>
          {(section.indicators ?? []).map((indicator, ii) => (
            <IndicatorEditor
              key={ii}
              id={`ind-${si}-${ii}`}
              number={ii + 1}
              indicator={indicator}
              onChange={(next) => setSection(si, { ...section, indicators: replaceAt(section.indicators ?? [], ii, next) })}
              onRemove={(section.indicators ?? []).length > 1 ? () => setSection(si, { ...section, indicators: removeAt(section.indicators ?? [], ii) }) : undefined}
              textError={errorFor(`sections.${si}.indicators.${ii}.text`)}
              scaleError={errorFor(`sections.${si}.indicators.${ii}.scale`)}
            />
          ))}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setSection(si, { ...section, indicators: [...(section.indicators ?? []), newIndicator()] })} data-testid="add-indicator">
            + Add a look-for
          </button>
        </fieldset>
      ))}
      <button type="button" className="btn btn-secondary" onClick={() => onChange({ ...value, sections: [...sections, newSection()] })} data-testid="add-section">
        + Add a section
      </button>
    </div>
  );
}

function IndicatorEditor({ id, number, indicator, onChange, onRemove, textError, scaleError }: { id: string; number: number; indicator: IndicatorIn; onChange: (next: IndicatorIn) => void; onRemove?: () => void; textError?: string; scaleError?: string }) {
  const setScale = (scale: Scale) => onChange({ ...indicator, scale });
  const levels = indicator.scale.levels ?? [];
  return (
    <div className="editor-indicator" data-testid="editor-indicator">
      <div className="editor-row">
        <div className="field grow">
          <label htmlFor={`${id}-text`}>Look-for {number}</label>
          <input id={`${id}-text`} value={indicator.text} placeholder="e.g. Students explain their thinking to peers" onChange={(e) => onChange({ ...indicator, text: e.target.value })} data-testid="indicator-text" />
          {textError && <div className="field-error">{textError}</div>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Rated as</label>
          <select id={`${id}-kind`} value={indicator.scale.kind} onChange={(e) => setScale({ ...indicator.scale, kind: e.target.value as Scale["kind"] })}>
            <option value="levels">Rating levels</option>
            <option value="yes_no">Yes / no</option>
            <option value="count">A count</option>
          </select>
        </div>
        <label className="check editor-required">
          <input type="checkbox" checked={indicator.required} onChange={(e) => onChange({ ...indicator, required: e.target.checked })} /> Required
        </label>
        {onRemove && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onRemove} aria-label={`Remove look-for ${number}`}>
            Remove
          </button>
        )}
      </div>
      {indicator.scale.kind === "levels" && (
        <div className="levels" role="group" aria-label={`Rating levels of look-for ${number}`}>
          {levels.map((level, li) => (
            <div className="level" key={li}>
              <label className="visually-hidden" htmlFor={`${id}-lv-${li}`}>Level {li + 1} number</label>
              <input id={`${id}-lv-${li}`} type="number" className="level-value" value={level.value} onChange={(e) => setScale({ ...indicator.scale, levels: replaceAt(levels, li, { ...level, value: Number(e.target.value) }) })} />
              <label className="visually-hidden" htmlFor={`${id}-ll-${li}`}>Level {li + 1} name</label>
              <input id={`${id}-ll-${li}`} className="level-label" value={level.label} onChange={(e) => setScale({ ...indicator.scale, levels: replaceAt(levels, li, { ...level, label: e.target.value }) })} />
              {levels.length > 2 && (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setScale({ ...indicator.scale, levels: removeAt(levels, li) })} aria-label={`Remove level ${level.label || li + 1}`}>
                  ×
                </button>
              )}
            </div>
          ))}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setScale({ ...indicator.scale, levels: [...levels, { value: Math.max(0, ...levels.map((l) => l.value)) + 1, label: "", descriptor: "" }] })}>
            + Level
          </button>
          {scaleError && <div className="field-error">{scaleError}</div>}
        </div>
      )}
    </div>
  );
}
