import type { Executor, Tx } from '../../kernel/db/database.ts';
import type { AppError } from '../../kernel/errors/index.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { TLeadCreate, TLeadPatch } from '../leads/leads.contract.ts';
import type { TPersonCreate, TPersonPatch } from '../people/people.contract.ts';
import type { OrganizationSize, OrganizationType } from '../organizations/organizations.schema.ts';
import type { DuplicateCandidate, DuplicateProbe, DuplicateReasonCode } from '../search/search.types.ts';

/*
 * What the import adapters need from the people, organisations and leads services: their
 * in-transaction create and update, and the batch create with its checks (people.batch.ts …).
 * The services satisfy these shapes; app.ts passes them in, so this module never builds another
 * module's service.
 */

/** A service's batch create: the check says what a create would refuse, per input, writing nothing. */
type BatchWriter<I> = {
  checkManyWithin(tx: Tx, ctx: WorkspaceContext, inputs: I[]): Promise<Array<AppError | undefined>>;
  createManyWithin(tx: Tx, ctx: WorkspaceContext, inputs: I[]): Promise<Array<{ id: string }>>;
};

export type PeopleWriter = BatchWriter<TPersonCreate> & {
  createWithin(tx: Tx, ctx: WorkspaceContext, input: TPersonCreate): Promise<{ id: string }>;
  updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, input: TPersonPatch): Promise<unknown>;
};

type Labelled = { value: string; label?: string; primary?: boolean };
type Address = { label?: string; country?: string; province?: string; city?: string; line?: string; postalCode?: string };

/** The organisation fields an import writes (a subset of the organisations API's create body). */
export type OrganizationImportInput = {
  name: string;
  nameLatin?: string | null;
  type?: OrganizationType;
  industry?: string | null;
  size?: OrganizationSize | null;
  website?: string | null;
  nationalId?: string | null;
  economicCode?: string | null;
  emails?: Array<string | Labelled>;
  phones?: Array<string | Labelled>;
  addresses?: Address[];
  custom?: Record<string, unknown>;
  tags?: string[];
};

export type OrganizationsWriter = BatchWriter<OrganizationImportInput> & {
  createWithin(tx: Tx, ctx: WorkspaceContext, input: OrganizationImportInput): Promise<{ id: string }>;
  updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, input: Partial<OrganizationImportInput> & { version: number }): Promise<unknown>;
};

export type LeadsWriter = BatchWriter<TLeadCreate> & {
  createWithin(tx: Tx, ctx: WorkspaceContext, input: TLeadCreate): Promise<{ id: string }>;
  updateWithin(tx: Tx, ctx: WorkspaceContext, id: string, input: TLeadPatch): Promise<unknown>;
};

/** The search module's `findDuplicates`, on the import's transaction. */
export type DuplicateFinder = (db: Executor, workspaceId: string, entityType: 'person' | 'organization' | 'lead', probe: DuplicateProbe) => Promise<DuplicateCandidate[]>;

/**
 * An import treats a record as the same only on exact evidence (same email, phone, or the same
 * normalised name at the same organisation); a mere resemblance never merges two customers.
 */
export const EXACT_REASONS: readonly DuplicateReasonCode[] = ['same_email', 'same_phone', 'same_name_same_organization'];

/** The best candidate with an exact reason (candidates come strongest first). */
export function exactDuplicate(candidates: DuplicateCandidate[], reasons: readonly DuplicateReasonCode[] = EXACT_REASONS): string | null {
  return candidates.find((c) => c.reasons.some((r) => reasons.includes(r.code)))?.id ?? null;
}
