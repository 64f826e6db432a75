import { PageHeader } from "@/components/ui/Layout";
export default function Heatmap() {
  return <div className="page"><PageHeader title="Heatmap" /></div>;
}
