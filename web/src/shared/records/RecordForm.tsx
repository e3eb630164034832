import type { ComponentType, ReactNode } from 'react';
import Box from '@mui/material/Box';
import type { Translate } from '../i18n/index.ts';
import { CustomFieldInputs } from './CustomFieldInputs.tsx';
import type { CustomFieldDef } from './records.types.ts';

/*
 * What the forms of people, organisations and leads have in common: the props their fields take,
 * the description a feature gives of its form (so one edit dialog serves all three), and the
 * two-column grid they are laid out on.
 */

/** quick: the few fields of a quick create; full: everything the edit dialog offers. */
export type FormMode = 'quick' | 'full';

export type RecordFormFieldsProps<D> = {
  draft: D;
  onChange: (draft: D) => void;
  error: unknown;
  submitted: boolean;
  customFields: CustomFieldDef[];
  mode: FormMode;
};

/** How a feature's records are edited. */
export type RecordForm<R, D> = {
  draftOf: (record: R) => D;
  /** Only what changed between two drafts, as a PATCH body. */
  patchOf: (before: D, after: D, defs: CustomFieldDef[]) => Record<string, unknown>;
  /** The check made before anything is sent; its message is shown on the form. */
  clientError: (draft: D, t: Translate) => string | null;
  Fields: ComponentType<RecordFormFieldsProps<D>>;
};

/** Two columns from a small tablet up, one on a phone. */
export function FormGrid({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 1 }}>{children}</Box>;
}

/** A row of the grid that spans both columns. */
export function FullRow({ children }: { children: ReactNode }) {
  return <Box sx={{ gridColumn: '1 / -1' }}>{children}</Box>;
}

/** The custom fields on their own two-column grid; only the required ones unless `all`. */
export function CustomFieldsRow({ defs, all, values, onChange, error }: { defs: CustomFieldDef[]; all: boolean; values: Record<string, unknown>; onChange: (values: Record<string, unknown>) => void; error: unknown }) {
  const shown = all ? defs : defs.filter((d) => d.required);
  // Archived fields take no input, so a grid of only those would be an empty gap.
  if (!shown.some((d) => !d.archivedAt)) return null;
  return (
    <Box sx={{ gridColumn: '1 / -1', display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <CustomFieldInputs defs={shown} values={values} onChange={(key, value) => onChange({ ...values, [key]: value })} error={error} />
    </Box>
  );
}
