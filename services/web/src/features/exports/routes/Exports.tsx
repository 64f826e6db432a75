import { PageHeader } from "@/components/ui/Layout";
export default function Exports() {
  return <div className="page"><PageHeader title="Exports" /></div>;
}
