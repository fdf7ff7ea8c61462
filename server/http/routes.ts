import { meRoute } from "../auth/me-route.ts";
import { healthRoute } from "../health/health-route.ts";
import type { Route } from "./route.ts";

/** Every endpoint the custom server answers. Each domain folder contributes its own. */
export const routes: Route[] = [healthRoute, meRoute];
