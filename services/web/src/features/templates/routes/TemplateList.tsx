import { PageHeader } from "@/components/ui/Layout";
export default function TemplateList() {
  return <div className="page"><PageHeader title="TemplateList" /></div>;
}
