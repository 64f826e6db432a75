import { PageHeader } from "@/components/ui/Layout";
import { Connections } from "../components/Connections";
import { RegionUsers } from "../components/RegionUsers";

export default function Districts() {
  return (
    <div className="page">
      <PageHeader title="Districts & users" description="Which districts share their trends with the region, under which agreement, and who works at the region." />
      <Connections />
      <RegionUsers />
    </div>
  );
}
