// One past roster import (dry run or applied) with its per-row report.
import { Link, useParams } from "react-router";
import { Card, PageHeader } from "@/components/ui/Layout";
import { LoadingBlock } from "@/components/ui/States";
import { useApi, useRequiredSession } from "@/lib/app-context";
import { formatDateTime } from "@/lib/format";
import { useQuery } from "@/lib/use-query";
import { consoleApi } from "../api/console";
import { ImportReport } from "../components/ImportReport";
import { LoadFailure } from "../components/Refusal";
import "../district-admin.css";

const BACK = { to: "/district/roster", label: "Back to the roster" };

export default function ImportDetail() {
  const { importId = "" } = useParams();
  const api = useApi();
  const { claims } = useRequiredSession();
  const record = useQuery(`tenancy:import:${importId}`, () => consoleApi.importOne(api, claims.org_id, importId));
  if (record.error) return <LoadFailure error={record.error} retry={record.reload} what="roster import" back={BACK} />;
  if (!record.data) return <LoadingBlock rows={6} />;
  const r = record.data;
  return (
    <div className="page">
      <PageHeader title={`${r.applied ? "Applied import" : "Dry run"} of ${formatDateTime(r.imported_at)}`} description={r.applied ? "These changes were made to the roster." : "A dry run changed nothing; it shows what the files would do."} actions={<Link to={BACK.to}>All imports</Link>} />
      <Card title="Report">
        <ImportReport record={r} />
      </Card>
    </div>
  );
}
