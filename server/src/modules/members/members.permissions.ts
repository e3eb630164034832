/**
 * Permissions are strings stored on roles (data, not code), so later modules add their own
 * (e.g. 'deals.delete') and admins can compose roles without a migration.
 */
export const PERMISSIONS = [
  'workspace.manage',
  'members.read',
  'members.manage',
  'api_keys.manage',
  'audit.read',
  'records.read',
  'records.write',
  'records.delete',
  'records.import',
  'records.export',
  'records.handover',
  'custom_fields.manage',
  /** Pipelines and stages, lost reasons, products and price lists, territories and teams, currencies and VAT. */
  'sales.configure',
  /** The workspace's SMS gateway and its shared email/SMS templates. */
  'messaging.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What every member does with customer records day to day. */
const RECORD_PERMISSIONS = ['records.read', 'records.write', 'records.export'];

export type BuiltInRole = { key: string; nameFa: string; nameEn: string; permissions: string[] };

export const BUILT_IN_ROLES: BuiltInRole[] = [
  { key: 'admin', nameFa: 'مدیر سیستم', nameEn: 'Admin', permissions: [...PERMISSIONS] },
  {
    key: 'manager',
    nameFa: 'مدیر فروش',
    nameEn: 'Manager',
    permissions: ['members.read', 'audit.read', ...RECORD_PERMISSIONS, 'records.delete', 'records.import', 'records.export', 'records.handover', 'sales.configure', 'messaging.configure'],
  },
  { key: 'member', nameFa: 'کارشناس', nameEn: 'Member', permissions: ['members.read', ...RECORD_PERMISSIONS] },
];

export const ADMIN_ROLE = 'admin';
