// Routes. Every workspace screen is its own chunk (route-level code splitting), so the overview
// ships only what it draws.
import { createBrowserRouter, type RouteObject } from "react-router";
import SignIn from "@/features/auth/routes/SignIn";
import { AppShell } from "./AppShell";
import { HomeRedirect, NotFound, RequireRole, RequireSession, Welcome } from "./guards";
import { RouteError } from "./RouteError";
import { LoadingBlock } from "@/components/ui/States";

const lazyPage = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

const REGION: RouteObject = {
  path: "region",
  element: <RequireRole roles={["region_admin", "region_leader"]} />,
  children: [
    { index: true, lazy: lazyPage(() => import("@/features/analytics/routes/Overview")) },
    { path: "trends", lazy: lazyPage(() => import("@/features/analytics/routes/Trends")) },
    { path: "heatmap", lazy: lazyPage(() => import("@/features/analytics/routes/Heatmap")) },
    { path: "distribution", lazy: lazyPage(() => import("@/features/analytics/routes/Distribution")) },
    { path: "coverage", lazy: lazyPage(() => import("@/features/analytics/routes/Coverage")) },
    { path: "exports", lazy: lazyPage(() => import("@/features/exports/routes/Exports")) },
    {
      path: "templates",
      element: <RequireRole roles={["region_admin"]} />,
      children: [
        { index: true, lazy: lazyPage(() => import("@/features/templates/routes/TemplateList")) },
        { path: "new", lazy: lazyPage(() => import("@/features/templates/routes/TemplateNew")) },
        { path: ":templateId", lazy: lazyPage(() => import("@/features/templates/routes/TemplateDetail")) },
      ],
    },
    {
      path: "districts",
      element: <RequireRole roles={["region_admin"]} />,
      children: [{ index: true, lazy: lazyPage(() => import("@/features/districts/routes/Districts")) }],
    },
  ],
};

export const routes: RouteObject[] = [
  { path: "/sign-in", element: <SignIn />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <RequireSession />,
    hydrateFallbackElement: <LoadingBlock label="Opening Canopy" rows={6} />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: "welcome", element: <Welcome /> },
          REGION,
          {
            path: "teacher",
            element: <RequireRole roles={["teacher"]} />,
            children: [{ index: true, lazy: lazyPage(() => import("@/features/teacher/routes/TeacherFeedback")) }],
          },
          {
            path: "district/region-coaches",
            element: <RequireRole roles={["district_admin", "district_leader"]} />,
            children: [{ index: true, lazy: lazyPage(() => import("@/features/region-coaches/routes/RegionCoaches")) }],
          },
          {
            path: "observer/walkthroughs",
            element: <RequireRole roles={["observer", "region_coach"]} />,
            children: [{ index: true, lazy: lazyPage(() => import("@/features/teacher/routes/ObserverWalkthroughs")) }],
          },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
