export { createPeopleService, publicPerson, type PeopleService, type PeopleServiceDeps, type Person, type PersonDetail } from './people.service.ts';
export { registerPeopleRoutes } from './people.routes.ts';
export { peopleCatalog, loadPeopleCatalog } from './people.catalog.ts';
export { peopleRepository, type PersonRow, type RecordListCriteria } from './people.repository.ts';
export { personSearchKey, refreshPersonSearchKeys } from './people.search-key.ts';
export {
  ZPerson,
  ZPersonCreate,
  ZPersonDetail,
  ZPersonListItem,
  ZPersonPatch,
  ZRecordListQuery,
  ZBulkRequest,
  type TPersonCreate,
  type TPersonPatch,
} from './people.contract.ts';
export {
  ZAddress,
  ZDateInput,
  ZEmailInput,
  ZPhoneInput,
  normaliseEmails,
  normalisePhones,
  contactPointsOf,
  phoneSearchForms,
  parseDateField,
} from './contact-fields.ts';
export type { TagsPort, ViewsPort, ResolvedView } from './record-ports.ts';
export { parseInput, failOnFieldErrors } from './validation.ts';
