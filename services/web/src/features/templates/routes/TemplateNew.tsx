import { PageHeader } from "@/components/ui/Layout";
export default function TemplateNew() {
  return <div className="page"><PageHeader title="TemplateNew" /></div>;
}
