export {
  createOrganizationsService,
  findByNameKey,
  publicOrganization,
  type Organization,
  type OrganizationsService,
  type OrganizationsServiceDeps,
} from './organizations.service.ts';
export { registerOrganizationsRoutes } from './organizations.routes.ts';
export { organizationsCatalog, loadOrganizationsCatalog } from './organizations.catalog.ts';
export { organizationsRepository, type OrganizationRow } from './organizations.repository.ts';
export { personOrganizationsRepository } from './person-organizations.repository.ts';
export { linkPersonToOrganization, unlinkPersonFromOrganization, replacePersonOrganizations } from './organizations.links.ts';
export { organizationSearchKey } from './organizations.fields.ts';
export {
  ZOrganization,
  ZOrganizationCreate,
  ZOrganizationPatch,
  ORGANIZATION_TYPES,
  ORGANIZATION_SIZES,
  type TOrganizationCreate,
  type TOrganizationPatch,
} from './organizations.contract.ts';
