import type { Tx } from '../../kernel/db/database.ts';
import type { WorkspaceContext } from '../../kernel/http/context.ts';
import type { TPersonCreate } from '../people/people.contract.ts';
import type { TagsService } from '../tags/index.ts';

/*
 * What leads need from other modules' services, written as the narrow shapes those services
 * satisfy; app.ts passes the real services in. Views use the same port as people (ViewsPort).
 */

/** The tags service: a lead's own tags (edit form) and bulk tagging, audited on the lead's timeline. */
export type LeadTagsPort = Pick<TagsService, 'setTags' | 'addTags' | 'removeTags' | 'tagNewRecords'>;

/** The people service: creates the person of a conversion inside the conversion's transaction. */
export type PersonCreator = {
  createWithin(tx: Tx, ctx: WorkspaceContext, input: TPersonCreate): Promise<{ id: string }>;
};

/** What a conversion asks of the deals service: the deal of a conversion, created inside its transaction. */
export type DealCreator = {
  createWithin(
    tx: Tx,
    ctx: WorkspaceContext,
    input: {
      title: string;
      pipelineId?: string;
      stageId?: string;
      amount?: string | number;
      currency?: string;
      expectedCloseDate?: string | null;
      source: 'lead';
      leadId: string;
      organizationId?: string | null;
      people: Array<{ personId: string; isPrimary: boolean }>;
      ownerId?: string | null;
    },
  ): Promise<{ id: string }>;
};

/** The organisations service: creates the organisation of a conversion inside its transaction. */
export type OrganizationCreator = {
  createWithin(tx: Tx, ctx: WorkspaceContext, input: { name: string; ownerId?: string | null; custom?: Record<string, unknown> }): Promise<{ id: string }>;
};
