export { NewWorkspaceDialog } from './NewWorkspaceDialog.tsx';
export { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';
export { useCreateWorkspace, useSwitchWorkspace } from './workspace.api.ts';
