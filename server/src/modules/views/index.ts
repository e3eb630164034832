export {
  createViewsService,
  type ViewsService,
  type View,
  type ViewInput,
  type ViewPatch,
  type ResolvedView,
  type ViewCatalogLoader,
  type Visibility,
} from './views.service.ts';
export { registerViewsRoutes, ZView, ZViewEntity } from './views.routes.ts';
export { viewErrors } from './views.errors.ts';
export type { ViewEntity } from './views.schema.ts';
