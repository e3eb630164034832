export { createCustomFieldsService, keyFromLabel, type CustomFieldsService, type CustomField } from './custom-fields.service.ts';
export { registerCustomFieldsRoutes } from './custom-fields.routes.ts';
export { customFieldsRepository, type CustomFieldRow } from './custom-fields.repository.ts';
export {
  validateCustomValues,
  mergeCustomValues,
  changedCustomInput,
  applyCustomInput,
  type CustomFieldDef,
  type CustomValue,
  type CustomValuesOptions,
  type CustomValuesResult,
} from './custom-fields.values.ts';
export { ZCustomField, ZCustomFieldCreate, ZCustomFieldPatch, CUSTOM_FIELD_TYPES, CUSTOMIZABLE_ENTITIES } from './custom-fields.contract.ts';
