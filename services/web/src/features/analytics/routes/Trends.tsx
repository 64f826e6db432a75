import { PageHeader } from "@/components/ui/Layout";
export default function Trends() {
  return <div className="page"><PageHeader title="Trends" /></div>;
}
