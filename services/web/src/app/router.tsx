// Routes. Every workspace screen is its own chunk (route-level code splitting), so the overview
// ships only what it draws.
import { createBrowserRouter, type RouteObject } from "react-router";
import SignIn from "@/features/auth/routes/SignIn";
import { AppShell } from "./AppShell";
import { HomeRedirect, NotFound, RequireRole, RequireSession, Welcome } from "./guards";
import { RouteError } from "./RouteError";
import { LoadingBlock } from "@/components/ui/States";
import { CAPTURE_ROLES } from "@/features/capture/lib/roles";

const lazyPage = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

// Goals (issue 18): the same three screens in the region, district and school workspaces.
const GOALS: RouteObject = {
  path: "goals",
  children: [
    { index: true, lazy: lazyPage(() => import("@/features/goals/routes/GoalsList")) },
    { path: "new", lazy: lazyPage(() => import("@/features/goals/routes/GoalNew")) },
    { path: ":goalId", lazy: lazyPage(() => import("@/features/goals/routes/GoalDetail")) },
  ],
};
const DISTRICT_GOALS: RouteObject = {
  path: "district",
  element: <RequireRole roles={["district_admin", "district_leader"]} />,
  children: [GOALS],
};
const SCHOOL_GOALS: RouteObject = { path: "school", element: <RequireRole roles={["school_admin"]} />, children: [GOALS] };

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
    GOALS,
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

const DISTRICT_ADMIN: RouteObject = {
  path: "district",
  element: <RequireRole roles={["district_admin"]} />,
  children: [
    { index: true, lazy: lazyPage(() => import("@/features/district-admin/routes/Setup")) },
    { path: "schools", lazy: lazyPage(() => import("@/features/district-admin/routes/Schools")) },
    { path: "schools/:schoolId", lazy: lazyPage(() => import("@/features/district-admin/routes/SchoolDetail")) },
    { path: "roster", lazy: lazyPage(() => import("@/features/district-admin/routes/Roster")) },
    { path: "roster/imports/:importId", lazy: lazyPage(() => import("@/features/district-admin/routes/ImportDetail")) },
    { path: "teachers", lazy: lazyPage(() => import("@/features/district-admin/routes/Teachers")) },
    { path: "users", lazy: lazyPage(() => import("@/features/district-admin/routes/Users")) },
    { path: "users/:userId", lazy: lazyPage(() => import("@/features/district-admin/routes/UserDetail")) },
    { path: "connection", lazy: lazyPage(() => import("@/features/district-admin/routes/Connection")) },
    { path: "templates", lazy: lazyPage(() => import("@/features/district-admin/routes/Templates")) },
    { path: "templates/new", lazy: lazyPage(() => import("@/features/district-admin/routes/TemplateNew")) },
    { path: "templates/:templateId", lazy: lazyPage(() => import("@/features/district-admin/routes/TemplateDetail")) },
  ],
};

// District leader and principal (#13 part B): the district's exact analytics (the region's
// screens, by tier), coverage with names, walkthroughs.
const DISTRICT_INSIGHT: RouteObject[] = [
  {
    path: "district/analytics",
    element: <RequireRole roles={["district_admin", "district_leader"]} />,
    children: [
      { index: true, lazy: lazyPage(() => import("@/features/analytics/routes/Overview")) },
      { path: "trends", lazy: lazyPage(() => import("@/features/analytics/routes/Trends")) },
      { path: "heatmap", lazy: lazyPage(() => import("@/features/analytics/routes/Heatmap")) },
      { path: "distribution", lazy: lazyPage(() => import("@/features/analytics/routes/Distribution")) },
      { path: "reach", lazy: lazyPage(() => import("@/features/analytics/routes/Coverage")) },
    ],
  },
  {
    path: "district",
    element: <RequireRole roles={["district_admin", "district_leader", "school_admin"]} />,
    children: [
      { path: "coverage", lazy: lazyPage(() => import("@/features/district-insight/routes/Coverage")) },
      { path: "walkthroughs", lazy: lazyPage(() => import("@/features/district-insight/routes/Walkthroughs")) },
      { path: "walkthroughs/:observationId", lazy: lazyPage(() => import("@/features/district-insight/routes/WalkthroughDetail")) },
    ],
  },
];

const CAPTURE: RouteObject = {
  path: "capture",
  element: <RequireRole roles={CAPTURE_ROLES} />,
  children: [
    { index: true, lazy: lazyPage(() => import("@/features/capture/routes/CaptureStart")) },
    { path: "outbox", lazy: lazyPage(() => import("@/features/capture/routes/Outbox")) },
    { path: ":draftId", lazy: lazyPage(() => import("@/features/capture/routes/CaptureForm")) },
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
          DISTRICT_ADMIN,
          ...DISTRICT_INSIGHT,
          CAPTURE,
          DISTRICT_GOALS,
          SCHOOL_GOALS,
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
