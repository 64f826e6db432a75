import { PageHeader } from "@/components/ui/Layout";
export default function TemplateDetail() {
  return <div className="page"><PageHeader title="TemplateDetail" /></div>;
}
