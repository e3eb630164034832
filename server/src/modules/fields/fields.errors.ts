import { defineErrors } from '../../kernel/errors/index.ts';

export const fieldErrors = defineErrors({
  fields_entity_not_found: {
    status: 404,
    fa: '«{entityType}» نوع رکوردی نیست که فیلد داشته باشد؛ یکی از person، organization، lead یا deal را بخواهید.',
    en: '"{entityType}" is not a record type with fields; ask for person, organization, lead or deal.',
  },
});
