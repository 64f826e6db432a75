import { PageHeader } from "@/components/ui/Layout";
export default function Coverage() {
  return <div className="page"><PageHeader title="Coverage" /></div>;
}
