// The one Drizzle schema: every table of every module, for queries and for migrations.
export * from '../auth/auth.schema.ts';
export * from '../audit/audit.schema.ts';
export * from '../http/idempotency.schema.ts';
export * from '../../modules/workspaces/workspaces.schema.ts';
export * from '../../modules/members/members.schema.ts';
export * from '../../modules/invitations/invitations.schema.ts';
export * from '../../modules/api-keys/api-keys.schema.ts';
export * from '../../modules/custom-fields/custom-fields.schema.ts';
export * from '../../modules/people/people.schema.ts';
export * from '../../modules/organizations/organizations.schema.ts';
export * from '../../modules/leads/leads.schema.ts';
export * from '../../modules/tags/tags.schema.ts';
export * from '../../modules/views/views.schema.ts';
export * from '../../modules/imports/imports.schema.ts';
