export { createTasksService, type TasksService, type CreatedLead } from './tasks.service.ts';
export { registerTasksRoutes } from './tasks.routes.ts';
export { registerTaskMergeHooks } from './tasks.merge.ts';
export { taskErrors } from './tasks.errors.ts';
export { hydrateTasks } from './tasks.public.ts';
export { ZTask, ZTaskCreate, ZTaskPatch, TASK_PRIORITIES, TASK_STATUSES, type Task, type TTaskCreate } from './tasks.contract.ts';
