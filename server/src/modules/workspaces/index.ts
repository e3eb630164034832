export { createWorkspacesService, type WorkspacesService, type Workspace } from './workspaces.service.ts';
export { registerWorkspacesRoutes, ZWorkspace, ZLocale, ZCalendar } from './workspaces.routes.ts';
export { workspacesRepository } from './workspaces.repository.ts';
