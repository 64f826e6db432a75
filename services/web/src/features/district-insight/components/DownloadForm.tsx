// Download every walkthrough the filters select, in full: the district's own records to keep.
import { useState } from "react";
import { Card } from "@/components/ui/Layout";
import { SelectField } from "@/components/ui/Form";
import { useConfig, useRequiredSession } from "@/lib/app-context";
import { describeError } from "@/lib/api/errors";
import { downloadWalkthroughs, type DownloadBody } from "../api/insight";
import { filterQuery, type WalkthroughFilters } from "../lib/walkthrough-filters";

export function DownloadForm({ filters, names, total }: { filters: WalkthroughFilters; names: Map<string, string>; total: number }) {
  const config = useConfig();
  const session = useRequiredSession();
  const [format, setFormat] = useState<DownloadBody["format"]>("xlsx");
  const [state, setState] = useState<{ busy: boolean; done?: string; error?: string }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    try {
      const body: DownloadBody = { ...filterQuery(filters), format, names: Object.fromEntries(names) };
      const name = await downloadWalkthroughs(config.services.intake, session.token, body);
      setState({ busy: false, done: name });
    } catch (error) {
      setState({ busy: false, error: describeError(error) });
    }
  };
  return (
    <Card title="Download" testId="download">
      <p className="muted">
        All {total} walkthrough{total === 1 ? "" : "s"} these filters select, in full: one row per rating, with teacher and
        observer names, ratings and notes. Your district's data to keep.
      </p>
      <form
        className="download-form"
        aria-label="Download walkthroughs"
        onSubmit={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value as DownloadBody["format"])} data-testid="download-format">
          <option value="xlsx">Excel workbook (.xlsx)</option>
          <option value="csv">CSV (.csv)</option>
        </SelectField>
        <button type="submit" className="btn btn-primary" disabled={state.busy || total === 0} data-testid="download-submit">
          {state.busy ? "Preparing…" : "Download"}
        </button>
        {state.done && <span role="status" className="muted small" data-testid="download-done">Downloaded {state.done}</span>}
        {state.error && <span role="alert" className="field-error">{state.error}</span>}
      </form>
    </Card>
  );
}
