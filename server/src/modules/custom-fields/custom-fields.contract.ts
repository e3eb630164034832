import { z } from 'zod';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'boolean', 'person', 'organization'] as const;
export const CUSTOMIZABLE_ENTITIES = ['person', 'organization', 'lead', 'deal', 'product'] as const;

/** Keys are what API clients, filters and imports use: lower-case Latin, safe in `custom.<key>`. */
export const CUSTOM_FIELD_KEY_RE = /^[a-z][a-z0-9_]{0,47}$/;

export const ZCustomizableEntity = z.enum(CUSTOMIZABLE_ENTITIES);
export const ZCustomFieldType = z.enum(CUSTOM_FIELD_TYPES);

const ZLabel = z.string().trim().min(1).max(120);

export const ZCustomFieldOptionInput = z
  .object({
    value: z.string().trim().min(1).max(64).optional().describe('Stored value; derived from labelEn when left out'),
    labelFa: ZLabel,
    labelEn: ZLabel,
  })
  .strict();

export const ZCustomFieldCreate = z
  .object({
    entityType: ZCustomizableEntity,
    key: z.string().regex(CUSTOM_FIELD_KEY_RE).optional().describe('Derived from labelEn when left out; unique per entity type'),
    labelFa: ZLabel,
    labelEn: ZLabel,
    type: ZCustomFieldType,
    options: z.array(ZCustomFieldOptionInput).max(200).optional().describe('Choices of select and multi_select fields'),
    required: z.boolean().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type TCustomFieldCreate = z.infer<typeof ZCustomFieldCreate>;

/** The type and key of a field never change: records already hold values under that key and type. */
export const ZCustomFieldPatch = z
  .object({
    version: z.number().int().min(1),
    labelFa: ZLabel.optional(),
    labelEn: ZLabel.optional(),
    options: z.array(ZCustomFieldOptionInput).max(200).optional(),
    required: z.boolean().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type TCustomFieldPatch = z.infer<typeof ZCustomFieldPatch>;

export const ZCustomFieldOption = z.object({ value: z.string(), labelFa: z.string(), labelEn: z.string() });

export const ZCustomField = z.object({
  id: z.uuid(),
  entityType: ZCustomizableEntity,
  key: z.string(),
  labelFa: z.string(),
  labelEn: z.string(),
  type: ZCustomFieldType,
  options: z.array(ZCustomFieldOption),
  required: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZCustomFieldListQuery = z.object({
  entityType: ZCustomizableEntity.optional().describe('Only the fields of this record type'),
  includeArchived: z.enum(['true', 'false']).optional().describe('Also list archived fields'),
});
export type TCustomFieldListQuery = z.infer<typeof ZCustomFieldListQuery>;
