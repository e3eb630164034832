export type { Me, MeUser, MeWorkspace, MeWorkspaceEntry } from './session.types.ts';
export {
  SessionContext,
  fetchMe,
  can,
  meQueryKey,
  resetSession,
  useMeQuery,
  useOptionalSession,
  useSession,
} from './session.ts';
export type { Permission } from './session.ts';
export { rolesQueryKey, useRoleName, useRoles, type Role } from './roles.ts';
export { DEFAULT_SALES_SETTINGS, salesSettingsOf, useMoney, useSalesSettings, type SalesSettings } from './sales-settings.ts';
