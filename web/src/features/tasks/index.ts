export { TasksPanel } from './TasksPanel.tsx';
export { OverdueBadge } from './OverdueBadge.tsx';
export { TaskDialog } from './TaskDialog.tsx';
export type { Task } from './tasks.types.ts';
