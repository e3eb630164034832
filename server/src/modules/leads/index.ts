export { createLeadsService, type LeadsService, type LeadsServiceDeps, type LeadCreatedHook } from './leads.service.ts';
export { registerLeadsRoutes } from './leads.routes.ts';
export { leadsCatalog, loadLeadsCatalog } from './leads.catalog.ts';
export { leadsRepository, type LeadRow } from './leads.repository.ts';
export { publicLead, type Lead } from './leads.public.ts';
export type { LeadConversion } from './leads.conversion.ts';
export type { DealCreator, OrganizationCreator, PersonCreator } from './leads.ports.ts';
export { scoreLead, DEFAULT_LEAD_SCORE_RULES, isBusinessEmail, isDecisionMakerTitle, type LeadScoreRule, type LeadScore, type ScorableLead } from './leads.scoring.ts';
export { LEAD_STATUSES, INITIAL_LEAD_STATUSES, LEAD_STATUS_LABELS, canChangeStatus, canConvert } from './leads.status.ts';
export { leadErrors } from './leads.errors.ts';
export {
  LEAD_SOURCES,
  ZLead,
  ZLeadCreate,
  ZLeadPatch,
  ZLeadListQuery,
  ZLeadBulk,
  ZLeadBulkResult,
  ZLeadConvert,
  ZLeadConversion,
  type TLeadCreate,
  type TLeadPatch,
  type TLeadListQuery,
  type TLeadBulk,
  type TLeadConvert,
} from './leads.contract.ts';
