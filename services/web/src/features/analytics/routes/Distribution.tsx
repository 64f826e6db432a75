import { PageHeader } from "@/components/ui/Layout";
export default function Distribution() {
  return <div className="page"><PageHeader title="Distribution" /></div>;
}
