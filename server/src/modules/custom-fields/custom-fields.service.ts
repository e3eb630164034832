import { mutate } from '../../kernel/audit/audit.ts';
import type { AppDb, Executor } from '../../kernel/db/database.ts';
import { kernelErrors, type FieldError } from '../../kernel/errors/index.ts';
import { requirePermission, type WorkspaceContext } from '../../kernel/http/context.ts';
import type { TCustomFieldCreate, TCustomFieldListQuery, TCustomFieldPatch } from './custom-fields.contract.ts';
import { customFieldErrors } from './custom-fields.errors.ts';
import { customFieldsRepository as repo, type CustomFieldRow } from './custom-fields.repository.ts';
import type { CustomFieldOption, CustomFieldType, CustomizableEntity } from './custom-fields.schema.ts';
import { validateCustomValues, type CustomValuesResult } from './custom-fields.values.ts';

const KEY_MAX = 48;

/** PostgreSQL's unique_violation, whether the driver error is wrapped (drizzle) or not. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) if (e.code === '23505') return true;
  return false;
}
const CHOICE_TYPES: ReadonlySet<CustomFieldType> = new Set(['select', 'multi_select']);

/** 'Contract end date' → 'contract_end_date'; Persian-only labels give '' (the caller falls back). */
export function keyFromLabel(label: string): string {
  const base = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, KEY_MAX - 4)
    .replace(/_+$/, '');
  if (!base) return '';
  return /^[a-z]/.test(base) ? base : `f_${base}`;
}

/** The first of base, base_2, base_3 … that no field of the entity uses (archived ones count). */
function firstFreeKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

type OptionInput = { value?: string; labelFa: string; labelEn: string };

/** Options get a value (from the English label when missing); values must be unique. */
function normaliseOptions(type: CustomFieldType, input: OptionInput[] | undefined): { options: CustomFieldOption[]; fieldErrors: FieldError[] } {
  const list = input ?? [];
  if (!CHOICE_TYPES.has(type)) {
    return list.length
      ? { options: [], fieldErrors: [{ path: 'options', code: 'options_not_allowed', message: { fa: 'فقط فیلدهای گزینه‌ای گزینه دارند.', en: 'Only select fields have options.' } }] }
      : { options: [], fieldErrors: [] };
  }
  if (!list.length) {
    return { options: [], fieldErrors: [{ path: 'options', code: 'options_required', message: { fa: 'دست‌کم یک گزینه لازم است.', en: 'At least one option is needed.' } }] };
  }
  const fieldErrors: FieldError[] = [];
  const seen = new Set<string>();
  const options = list.map((o, index) => {
    const value = o.value ?? (keyFromLabel(o.labelEn) || `option_${index + 1}`);
    if (seen.has(value)) {
      fieldErrors.push({ path: `options.${index}.value`, code: 'duplicate_option', message: { fa: 'مقدار این گزینه تکراری است.', en: 'This option value is repeated.' } });
    }
    seen.add(value);
    return { value, labelFa: o.labelFa, labelEn: o.labelEn };
  });
  return { options, fieldErrors };
}

const publicField = (f: CustomFieldRow) => ({
  id: f.id,
  entityType: f.entityType,
  key: f.key,
  labelFa: f.labelFa,
  labelEn: f.labelEn,
  type: f.type,
  options: f.options,
  required: f.required,
  position: f.position,
  version: f.version,
  archivedAt: f.archivedAt,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
});
export type CustomField = ReturnType<typeof publicField>;

export function createCustomFieldsService(db: AppDb, clock: () => Date = () => new Date()) {
  async function chooseKey(tx: Executor, ctx: WorkspaceContext, input: TCustomFieldCreate): Promise<string> {
    if (input.key) {
      const taken = await repo.keysLike(tx, ctx.workspaceId, input.entityType, input.key);
      if (taken.includes(input.key)) throw customFieldErrors.custom_field_key_taken({ params: { key: input.key } });
      return input.key;
    }
    const base = keyFromLabel(input.labelEn) || 'field';
    return firstFreeKey(base, new Set(await repo.keysLike(tx, ctx.workspaceId, input.entityType, base)));
  }

  return {
    async list(ctx: WorkspaceContext, query: TCustomFieldListQuery): Promise<CustomField[]> {
      requirePermission(ctx, 'records.read');
      const rows = await repo.list(db, ctx.workspaceId, query.entityType, { includeArchived: query.includeArchived === 'true' });
      return rows.map(publicField);
    },

    async get(ctx: WorkspaceContext, id: string): Promise<CustomField> {
      requirePermission(ctx, 'records.read');
      const row = await repo.find(db, ctx.workspaceId, id);
      if (!row) throw customFieldErrors.custom_field_not_found();
      return publicField(row);
    },

    async create(ctx: WorkspaceContext, input: TCustomFieldCreate): Promise<CustomField> {
      requirePermission(ctx, 'custom_fields.manage');
      const { options, fieldErrors } = normaliseOptions(input.type, input.options);
      if (fieldErrors.length) throw kernelErrors.validation_failed({ fieldErrors });
      return mutate(db, ctx, async (tx, audit) => {
        const key = await chooseKey(tx, ctx, input);
        const row = await repo.insert(tx, {
          workspaceId: ctx.workspaceId,
          entityType: input.entityType,
          key,
          labelFa: input.labelFa,
          labelEn: input.labelEn,
          type: input.type,
          options,
          required: input.required ?? false,
          position: input.position ?? (await repo.nextPosition(tx, ctx.workspaceId, input.entityType)),
        }).catch((error: unknown) => {
          // Two admins adding the same key at once: the unique constraint decides, the loser gets a 409.
          throw isUniqueViolation(error) ? customFieldErrors.custom_field_key_taken({ params: { key } }) : error;
        });
        await audit({ action: 'custom_field.created', entityType: 'custom_field', entityId: row.id, after: publicField(row) });
        return publicField(row);
      });
    },

    async update(ctx: WorkspaceContext, id: string, input: TCustomFieldPatch): Promise<CustomField> {
      requirePermission(ctx, 'custom_fields.manage');
      const { version, options: optionInput, ...changes } = input;
      return mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, id);
        if (!before) throw customFieldErrors.custom_field_not_found();
        if (before.archivedAt) throw customFieldErrors.custom_field_archived();
        let options: CustomFieldOption[] | undefined;
        if (optionInput !== undefined) {
          const normalised = normaliseOptions(before.type, optionInput);
          if (normalised.fieldErrors.length) throw kernelErrors.validation_failed({ fieldErrors: normalised.fieldErrors });
          options = normalised.options;
        }
        const after = await repo.update(tx, ctx.workspaceId, id, version, { ...changes, ...(options ? { options } : {}) });
        if (!after) throw kernelErrors.version_conflict();
        await audit({ action: 'custom_field.updated', entityType: 'custom_field', entityId: id, before: publicField(before), after: publicField(after) });
        return publicField(after);
      });
    },

    /** Archives the field: it disappears from forms and filters, but records keep their values. */
    async archive(ctx: WorkspaceContext, id: string): Promise<void> {
      requirePermission(ctx, 'custom_fields.manage');
      await mutate(db, ctx, async (tx, audit) => {
        const before = await repo.find(tx, ctx.workspaceId, id);
        if (!before) throw customFieldErrors.custom_field_not_found();
        if (before.archivedAt) return;
        const after = await repo.archive(tx, ctx.workspaceId, id, clock());
        await audit({ action: 'custom_field.archived', entityType: 'custom_field', entityId: id, before: publicField(before), after: after && publicField(after) });
      });
    },

    /** Active definitions of one record type, for forms, catalogs and validation (no permission check: internal). */
    activeDefinitions(executor: Executor, workspaceId: string, entityType: CustomizableEntity): Promise<CustomFieldRow[]> {
      return repo.listActive(executor, workspaceId, entityType);
    },

    /** Loads the entity's active fields and validates `input` against them, inside the caller's transaction. */
    async validateFor(
      executor: Executor,
      ctx: WorkspaceContext,
      entityType: CustomizableEntity,
      input: unknown,
      options: { partial: boolean },
    ): Promise<CustomValuesResult> {
      const defs = await repo.listActive(executor, ctx.workspaceId, entityType);
      return validateCustomValues(defs, input, { partial: options.partial, db: executor, workspaceId: ctx.workspaceId });
    },
  };
}

export type CustomFieldsService = ReturnType<typeof createCustomFieldsService>;
