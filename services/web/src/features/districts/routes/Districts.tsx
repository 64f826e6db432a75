import { PageHeader } from "@/components/ui/Layout";
export default function Districts() {
  return <div className="page"><PageHeader title="Districts" /></div>;
}
