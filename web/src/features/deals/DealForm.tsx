import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { inputUnitLabel, parseDecimal, type MoneyDisplay } from '#common/money/index.ts';
import { useT, type Translate } from '../../shared/i18n/index.ts';
import {
  CustomFieldsRow,
  FormGrid,
  FullRow,
  OwnerSelect,
  RecordPicker,
  TagsEditor,
  customValuesForApi,
  patchBetween,
  tagNamesOf,
  textOrNull,
  type CustomFieldDef,
  type PickedRecord,
  type RecordForm,
  type RecordFormFieldsProps,
} from '../../shared/records/index.ts';
import { DateInput, bindDraft } from '../../shared/ui/index.ts';
import { activeStages, usePipelines } from '../pipelines/pipelines.api.ts';
import { amountFromApi, amountToApi } from './deal-rules.ts';
import { FORECAST_CATEGORIES, useMoneySettings, type Deal, type ForecastCategory } from './deals.api.ts';

export { amountFromApi, amountToApi };

export const CURRENCIES = ['IRR', 'USD', 'EUR', 'AED', 'TRY', 'CNY'] as const;

export type DealDraft = {
  title: string;
  organization: PickedRecord | null;
  person: PickedRecord | null;
  /** As typed, in the unit shown (tomans for IRR in a toman workspace). */
  amount: string;
  currency: string;
  pipelineId: string;
  stageId: string;
  expectedCloseDate: string | null;
  ownerId: string | null;
  probabilityOverride: string;
  forecastCategory: ForecastCategory;
  description: string;
  tags: string[];
  custom: Record<string, unknown>;
};

export type DealPreset = { organization?: PickedRecord | null; person?: PickedRecord | null; pipelineId?: string; stageId?: string };

export const emptyDealDraft = (ownerId: string | null, currency: string, preset: DealPreset = {}): DealDraft => ({
  title: '',
  organization: preset.organization ?? null,
  person: preset.person ?? null,
  amount: '',
  currency,
  pipelineId: preset.pipelineId ?? '',
  stageId: preset.stageId ?? '',
  expectedCloseDate: null,
  ownerId,
  probabilityOverride: '',
  forecastCategory: 'pipeline',
  description: '',
  tags: [],
  custom: {},
});

export const draftOfDeal = (d: Deal, display: MoneyDisplay): DealDraft => ({
  title: d.title,
  organization: d.organization ? { id: d.organization.id, title: d.organization.name } : null,
  person: null,
  amount: amountFromApi(d.amount, d.currency, display),
  currency: d.currency,
  pipelineId: d.pipelineId,
  stageId: d.stageId,
  expectedCloseDate: d.expectedCloseDate,
  ownerId: d.ownerId,
  probabilityOverride: d.probabilityOverride === null || d.probabilityOverride === undefined ? '' : String(d.probabilityOverride),
  forecastCategory: d.forecastCategory,
  description: d.description ?? '',
  tags: tagNamesOf(d),
  custom: { ...d.custom },
});

/** What both forms send; the quick create adds the pipeline, stage, person and tags. */
function editableBody(d: DealDraft, defs: CustomFieldDef[], display: MoneyDisplay) {
  const probability = parseDecimal(d.probabilityOverride);
  return {
    title: d.title.trim(),
    organizationId: d.organization?.id || null,
    amount: amountToApi(d.amount || '0', d.currency, display) ?? '0',
    currency: d.currency,
    expectedCloseDate: d.expectedCloseDate,
    ownerId: d.ownerId,
    probability: d.probabilityOverride.trim() && probability !== null ? Math.round(Number(probability)) : null,
    forecastCategory: d.forecastCategory,
    description: textOrNull(d.description),
    custom: customValuesForApi(defs, d.custom),
  };
}

export function dealCreateBody(d: DealDraft, defs: CustomFieldDef[], display: MoneyDisplay) {
  return {
    ...editableBody(d, defs, display),
    pipelineId: d.pipelineId || undefined,
    stageId: d.stageId || undefined,
    people: d.person ? [{ personId: d.person.id, isPrimary: true }] : undefined,
    tags: d.tags.length ? d.tags : undefined,
  };
}

export function dealClientError(d: DealDraft, t: Translate): string | null {
  if (!d.title.trim()) return t('deals.titleRequired');
  if (d.amount.trim() && parseDecimal(d.amount) === null) return t('deals.amountInvalid');
  return null;
}

export function DealFormFields({ draft, onChange, error, submitted, customFields, mode }: RecordFormFieldsProps<DealDraft>) {
  const { t, locale } = useT();
  const { moneyDisplay } = useMoneySettings();
  const pipelines = usePipelines();
  const { set, text } = bindDraft(draft, onChange, error);
  const problem = submitted ? dealClientError(draft, t) : null;
  const pipeline = pipelines.data?.find((p) => p.id === draft.pipelineId) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const stages = activeStages(pipeline);
  const titleProblem = problem === t('deals.titleRequired') ? problem : null;
  const amountProblem = problem === t('deals.amountInvalid') ? problem : null;
  return (
    <FormGrid>
      <FullRow>
        <TextField {...text('title', titleProblem)} fullWidth required label={t('deals.fields.title')} slotProps={{ htmlInput: { 'data-testid': 'deal-title', autoFocus: mode === 'quick' } }} />
      </FullRow>
      <RecordPicker kind="organization" value={draft.organization} onChange={(v) => set('organization', v)} label={t('deals.fields.organization')} testId="deal-organization" />
      {mode === 'quick' ? (
        <RecordPicker kind="person" value={draft.person} onChange={(v) => set('person', v)} label={t('deals.fields.person')} testId="deal-person" />
      ) : (
        <OwnerSelect size="small" value={draft.ownerId} onChange={(v) => set('ownerId', v)} testId="deal-owner" />
      )}
      <TextField
        {...text('amount', amountProblem)}
        label={t('deals.amountIn', { unit: inputUnitLabel(draft.currency, locale, moneyDisplay) })}
        slotProps={{ htmlInput: { inputMode: 'decimal', dir: 'ltr', 'data-testid': 'deal-amount', style: { textAlign: locale === 'fa' ? 'right' : 'left' } } }}
      />
      <TextField select size="small" label={t('deals.fields.currency')} value={draft.currency} onChange={(e) => set('currency', e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'deal-currency' } }}>
        {CURRENCIES.map((c) => (
          <MenuItem key={c} value={c}>
            {inputUnitLabel(c, locale, 'rial')}
          </MenuItem>
        ))}
      </TextField>
      {mode === 'quick' && (
        <>
          {(pipelines.data?.length ?? 0) > 1 && (
            <TextField
              select
              size="small"
              label={t('deals.pipeline')}
              value={pipeline?.id ?? ''}
              onChange={(e) => onChange({ ...draft, pipelineId: e.target.value, stageId: '' })}
              slotProps={{ htmlInput: { 'data-testid': 'deal-pipeline' } }}
            >
              {(pipelines.data ?? []).map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            select
            size="small"
            label={t('deals.stage')}
            value={stages.some((s) => s.id === draft.stageId) ? draft.stageId : (stages.find((s) => s.kind === 'open')?.id ?? '')}
            onChange={(e) => onChange({ ...draft, pipelineId: pipeline?.id ?? '', stageId: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'deal-stage' } }}
          >
            {stages
              .filter((s) => s.kind === 'open')
              .map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
          </TextField>
        </>
      )}
      <DateInput size="small" label={t('deals.fields.expectedCloseDate')} value={draft.expectedCloseDate} onChange={(v) => set('expectedCloseDate', v)} testId="deal-close-date" />
      {mode === 'full' && (
        <>
          <TextField
            {...text('probabilityOverride')}
            label={t('deals.fields.probabilityOverride')}
            slotProps={{ htmlInput: { inputMode: 'numeric', dir: 'ltr', 'data-testid': 'deal-probability', style: { textAlign: locale === 'fa' ? 'right' : 'left' } } }}
          />
          <TextField select size="small" label={t('deals.fields.forecastCategory')} value={draft.forecastCategory} onChange={(e) => set('forecastCategory', e.target.value as ForecastCategory)} slotProps={{ htmlInput: { 'data-testid': 'deal-forecast' } }}>
            {FORECAST_CATEGORIES.map((c) => (
              <MenuItem key={c} value={c}>
                {t(`deals.forecast.${c}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField {...text('description')} multiline minRows={2} label={t('deals.fields.description')} sx={{ gridColumn: '1 / -1' }} />
        </>
      )}
      {mode === 'quick' && (
        <FullRow>
          <TagsEditor value={draft.tags} onChange={(v) => set('tags', v)} testId="deal-tags" />
        </FullRow>
      )}
      <CustomFieldsRow defs={customFields} all={mode === 'full'} values={draft.custom} onChange={(v) => set('custom', v)} error={error} />
    </FormGrid>
  );
}

/** The edit dialog's description of a deal form; the money display decides the amount's unit. */
export function dealForm(display: MoneyDisplay): RecordForm<Deal, DealDraft> {
  return {
    draftOf: (d) => draftOfDeal(d, display),
    patchOf: (before, after, defs) => patchBetween(editableBody(before, defs, display), editableBody(after, defs, display), 'changed'),
    clientError: dealClientError,
    Fields: DealFormFields,
  };
}
