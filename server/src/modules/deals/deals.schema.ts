import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../kernel/auth/auth.schema.ts';
import { leads } from '../leads/leads.schema.ts';
import { organizations } from '../organizations/organizations.schema.ts';
import { people } from '../people/people.schema.ts';
import { dealLostReasons, pipelines, pipelineStages } from '../pipelines/pipelines.schema.ts';
import { products } from '../products/products.schema.ts';
import { territories } from '../territories/territories.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/** Follows the stage's kind: a deal in a won stage is won. */
export type DealStatus = 'open' | 'won' | 'lost';
/** The rep's own call for the forecast, beside the stage's probability. */
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit' | 'omitted';
export type DealSource = 'lead' | 'campaign' | 'referral' | 'web' | 'event' | 'manual' | 'import' | 'api' | 'other';

export const deals = pgTable(
  'deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => pipelineStages.id),
    /** Denormalised from the stage so lists, the board and forecasts need no join. */
    status: text('status').$type<DealStatus>().notNull().default('open'),
    /** Position of the card inside its board column (fractional ordering; lower is higher up). */
    boardRank: numeric('board_rank', { precision: 30, scale: 10 }).notNull().default('0'),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
    amount: numeric('amount', { precision: 20, scale: 2 }).notNull().default('0'),
    currency: text('currency').notNull(),
    /** Units of the workspace currency per unit of `currency` when the amount was last set. */
    exchangeRate: numeric('exchange_rate', { precision: 24, scale: 8 }).notNull().default('1'),
    /** amount × exchangeRate: what totals, forecasts and metrics add up. */
    amountBase: numeric('amount_base', { precision: 24, scale: 2 }).notNull().default('0'),
    /** Overrides the stage's probability when set (0–100). */
    probability: integer('probability'),
    forecastCategory: text('forecast_category').$type<ForecastCategory>().notNull().default('pipeline'),
    expectedCloseDate: date('expected_close_date'),
    /** The day the deal was won or lost (workspace time zone); null while open. */
    closedOn: date('closed_on'),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    source: text('source').$type<DealSource>().notNull().default('manual'),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    /** The campaign that brought the deal (the marketing capability adds the campaigns table). */
    campaignId: uuid('campaign_id'),
    lostReasonId: uuid('lost_reason_id').references(() => dealLostReasons.id, { onDelete: 'set null' }),
    lostNote: text('lost_note'),
    /** The organisation (type competitor) the deal was lost to. */
    competitorId: uuid('competitor_id').references(() => organizations.id, { onDelete: 'set null' }),
    description: text('description'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    searchKey: text('search_key').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('deals_keyset_idx').on(t.workspaceId, t.createdAt, t.id),
    index('deals_board_idx').on(t.workspaceId, t.pipelineId, t.stageId, t.boardRank),
    index('deals_open_close_idx').on(t.workspaceId, t.expectedCloseDate).where(sql`${t.status} = 'open' and ${t.deletedAt} is null`),
    index('deals_closed_idx').on(t.workspaceId, t.closedOn).where(sql`${t.status} <> 'open' and ${t.deletedAt} is null`),
    index('deals_owner_idx').on(t.workspaceId, t.ownerId),
    index('deals_organization_idx').on(t.workspaceId, t.organizationId),
    index('deals_search_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
  ],
);

/** The people involved in a deal (decision maker, champion, user …). */
export const dealPeople = pgTable(
  'deal_people',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('deal_people_uq').on(t.dealId, t.personId), index('deal_people_person_idx').on(t.workspaceId, t.personId)],
);

/**
 * One row per stay of a deal in a stage: entered, left (null while it is still there), so the time
 * spent in each stage and the stage-to-stage conversion are plain queries.
 */
export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => pipelineStages.id),
    enteredAt: timestamp('entered_at', { withTimezone: true, precision: 3 }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true, precision: 3 }),
    movedBy: text('moved_by'),
  },
  (t) => [
    index('deal_stage_history_deal_idx').on(t.workspaceId, t.dealId, t.enteredAt),
    index('deal_stage_history_stage_idx').on(t.workspaceId, t.pipelineId, t.stageId),
  ],
);

/** Products on a deal (what the customer is expected to buy); the amount can follow their total. */
export const dealLineItems = pgTable(
  'deal_line_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 3 }).notNull().default('1'),
    unitPrice: numeric('unit_price', { precision: 20, scale: 2 }).notNull().default('0'),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
    /** quantity × unitPrice less the discount, in the deal's currency. */
    netAmount: numeric('net_amount', { precision: 24, scale: 2 }).notNull().default('0'),
  },
  (t) => [index('deal_line_items_deal_idx').on(t.workspaceId, t.dealId, t.position)],
);
