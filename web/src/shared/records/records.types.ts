/*
 * The shapes of customer records as the API returns them (server: people/organizations/leads
 * contracts). Dates arrive as ISO strings.
 */

export type EntityType = 'person' | 'organization' | 'lead';
export type Resource = 'people' | 'organizations' | 'leads';

/** Every kind of record the shared record screens serve: the customer records and deals. */
export type RecordType = EntityType | 'deal';
export type RecordResource = Resource | 'deals';

export const RESOURCE_OF = { person: 'people', organization: 'organizations', lead: 'leads', deal: 'deals' } as const satisfies Record<RecordType, RecordResource>;
export const ENTITY_OF = { people: 'person', organizations: 'organization', leads: 'lead', deals: 'deal' } as const satisfies Record<RecordResource, RecordType>;

export type Localised = { fa: string; en: string };

export type ContactEntry = { value: string; raw?: string; label?: string; primary: boolean };

export type Address = { label?: string; country?: string; province?: string; city?: string; line?: string; postalCode?: string };

export type TagRef = { id: string; name: string; color: string | null };

export type Consent = { email?: boolean; sms?: boolean; phone?: boolean; updatedAt?: string };

export type PersonOrganization = {
  organizationId: string;
  name: string;
  nameLatin: string | null;
  type: string;
  role: string | null;
  isPrimary: boolean;
};

export type Person = {
  id: string;
  displayName: string;
  firstName: string;
  lastName: string;
  firstNameLatin: string | null;
  lastNameLatin: string | null;
  emails: ContactEntry[];
  phones: ContactEntry[];
  addresses: Address[];
  birthday: string | null;
  anniversary: string | null;
  jobTitle: string | null;
  ownerId: string | null;
  source: string | null;
  consent: Consent;
  lastVerifiedAt: string | null;
  custom: Record<string, unknown>;
  tags: TagRef[];
  organizations?: PersonOrganization[];
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export const ORGANIZATION_TYPES = ['customer', 'prospect', 'partner', 'distributor', 'supplier', 'competitor'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];
export const ORGANIZATION_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;

export type Organization = {
  id: string;
  name: string;
  nameLatin: string | null;
  type: OrganizationType;
  industry: string | null;
  size: string | null;
  website: string | null;
  nationalId: string | null;
  economicCode: string | null;
  emails: ContactEntry[];
  phones: ContactEntry[];
  addresses: Address[];
  ownerId: string | null;
  lastVerifiedAt: string | null;
  custom: Record<string, unknown>;
  tags: TagRef[];
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

/** One person of an organisation (GET /organizations/:id/people). */
export type OrganizationMember = {
  personId: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  jobTitle?: string | null;
  emails?: ContactEntry[];
  phones?: ContactEntry[];
  role: string | null;
  isPrimary?: boolean;
  /** Some servers answer with the whole person. */
  id?: string;
};

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_SOURCES = ['web', 'import', 'referral', 'campaign', 'manual', 'api', 'event', 'other'] as const;

/** new → contacted → qualified | unqualified; unqualified → contacted (server: leads.status.ts). */
export const NEXT_LEAD_STATUSES: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted'],
  contacted: ['qualified', 'unqualified'],
  qualified: [],
  unqualified: ['contacted'],
  converted: [],
};

export type ScoreReason = { rule?: string; points: number; labelFa: string; labelEn: string };

export type Lead = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  jobTitle: string | null;
  status: LeadStatus;
  source: string;
  ownerId: string | null;
  score: number;
  scoreReasons: ScoreReason[];
  notes: string | null;
  custom: Record<string, unknown>;
  /** Tag names (leads) — people and organisations carry TagRef objects. */
  tags: Array<string | TagRef>;
  convertedPersonId: string | null;
  convertedOrganizationId: string | null;
  convertedAt: string | null;
  readOnly: boolean;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

export type AnyRecord = Person | Organization | Lead;

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'boolean', 'person', 'organization'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export type CustomFieldOption = { value: string; labelFa: string; labelEn: string };

export type CustomFieldDef = {
  id: string;
  entityType: EntityType;
  key: string;
  labelFa: string;
  labelEn: string;
  type: CustomFieldType;
  options: CustomFieldOption[];
  required: boolean;
  position: number;
  version: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type DuplicateReason = { code: string; value: string; similarity?: number };
export type DuplicateCandidate = {
  entityType: EntityType;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
  reasons: DuplicateReason[];
};

export type TimelineItem = {
  id: string;
  occurredAt: string;
  source: string;
  kind: string;
  actor: { type: string; id: string | null; name: string | null } | null;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  /** Other records the item names, with their display names (deleted: in the trash or merged away). */
  references?: Array<{ entityType: string; id: string; name: string; deleted: boolean }>;
};

/** Tag names of any record, whichever shape its tags come in. */
export function tagNamesOf(record: { tags?: Array<string | TagRef> }): string[] {
  return (record.tags ?? []).map((t) => (typeof t === 'string' ? t : t.name));
}

export function primaryOf(entries: ContactEntry[] | undefined): ContactEntry | undefined {
  return entries?.find((e) => e.primary) ?? entries?.[0];
}

export function personName(p: Pick<Person, 'firstName' | 'lastName' | 'displayName'> | undefined): string {
  if (!p) return '';
  return p.displayName || `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim();
}

export function latinName(p: Pick<Person, 'firstNameLatin' | 'lastNameLatin'>): string {
  return `${p.firstNameLatin ?? ''} ${p.lastNameLatin ?? ''}`.trim();
}

export function leadName(l: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'phone' | 'companyName'>): string {
  return `${l.firstName ?? ''} ${l.lastName ?? ''}`.trim() || l.email || l.phone || l.companyName || '—';
}
