// What is still missing before the walkthrough can be submitted, each a link to its place.
import type { Missing } from "../lib/form";

export function MissingList({ missing }: { missing: Missing[] }) {
  if (!missing.length) return null;
  const jump = (key: string) => {
    const target = document.getElementById(key);
    target?.scrollIntoView({ block: "center" });
    (target?.querySelector<HTMLElement>("input, select, textarea") ?? target)?.focus();
  };
  return (
    <div className="capture-missing" data-testid="capture-missing" data-count={missing.length}>
      <strong>Still to do before you submit ({missing.length})</strong>
      <ul>
        {missing.map((m) => (
          <li key={m.key}>
            <button type="button" className="link-button" onClick={() => jump(m.key)}>
              {m.text}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
