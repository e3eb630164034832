import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Badge from '@mui/material/Badge';
import Chip from '@mui/material/Chip';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import AddIcon from '@mui/icons-material/Add';
import CloseIcon from '@mui/icons-material/Close';
import FilterListIcon from '@mui/icons-material/FilterList';
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import { useFormat } from '../format/index.ts';
import { useT, type TKey } from '../i18n/index.ts';
import { DateInput } from '../ui/DateInput.tsx';
import {
  LIST_OPERATORS,
  NO_VALUE_OPERATORS,
  countConditions,
  emptyGroup,
  isGroup,
  defaultOperator,
  operatorsFor,
  pruneGroup,
  type FieldDescriptor,
  type FilterCondition,
  type FilterGroup,
  type FilterOperator,
} from './filter-model.ts';
import { RecordPicker, type PickedRecord } from './RecordPicker.tsx';
import { useReferenceTitles } from './reference-titles.ts';
import { useOwners, useTags } from './records.api.ts';

type Props = {
  fields: FieldDescriptor[];
  value: FilterGroup;
  onChange: (group: FilterGroup) => void;
};

/** "Filter (2)" button; opens an editor of AND/OR groups of conditions on any field. */
export function FilterButton({ fields, value, onChange }: Props) {
  const { t } = useT();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const count = countConditions(pruneGroup(value));
  return (
    <>
      <Badge badgeContent={format.number(count)} color="primary" overlap="rectangular" invisible={count === 0}>
        <Button variant={count ? 'contained' : 'outlined'} color="primary" startIcon={<FilterListIcon />} onClick={() => setOpen(true)} data-testid="filter-open">
          {t('filters.button')}
        </Button>
      </Badge>
      {open && (
        <FilterDialog
          fields={fields}
          initial={value}
          onClose={() => setOpen(false)}
          onApply={(group) => {
            onChange(group);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function FilterDialog({ fields, initial, onClose, onApply }: { fields: FieldDescriptor[]; initial: FilterGroup; onClose: () => void; onApply: (g: FilterGroup) => void }) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const [draft, setDraft] = useState<FilterGroup>(() => (initial.conditions.length ? initial : { ...initial, conditions: [newCondition(fields)] }));

  return (
    <Dialog open onClose={onClose} fullScreen={phone} maxWidth="md" fullWidth data-testid="filter-dialog">
      <DialogTitle>{t('filters.title')}</DialogTitle>
      <DialogContent dividers sx={{ px: { xs: 1.5, sm: 3 } }}>
        <GroupEditor fields={fields} group={draft} depth={0} onChange={setDraft} />
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap' }}>
        <Button color="inherit" onClick={() => onApply(emptyGroup(draft.op))} sx={{ marginInlineEnd: 'auto' }} data-testid="filter-clear">
          {t('filters.clear')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => onApply(pruneGroup(draft))} data-testid="filter-apply">
          {t('filters.apply')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function newCondition(fields: FieldDescriptor[]): FilterCondition {
  const first = fields[0];
  const op = defaultOperator(first) ?? 'contains';
  return { field: first?.key ?? '', op, value: defaultValue(first, op) };
}

function GroupEditor({
  fields,
  group,
  depth,
  onChange,
  onRemove,
}: {
  fields: FieldDescriptor[];
  group: FilterGroup;
  depth: number;
  onChange: (g: FilterGroup) => void;
  onRemove?: () => void;
}) {
  const { t } = useT();
  const setItem = (index: number, item: FilterCondition | FilterGroup) =>
    onChange({ ...group, conditions: group.conditions.map((c, i) => (i === index ? item : c)) });
  const removeItem = (index: number) => onChange({ ...group, conditions: group.conditions.filter((_, i) => i !== index) });

  return (
    <Box
      data-testid={depth === 0 ? 'filter-root-group' : 'filter-group'}
      sx={depth > 0 ? { border: 1, borderColor: 'divider', borderRadius: 2, p: { xs: 1, sm: 1.5 }, bgcolor: 'action.hover' } : undefined}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          {t('filters.match')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={group.op}
          onChange={(_, op: 'and' | 'or' | null) => op && onChange({ ...group, op })}
          data-testid="filter-group-op"
        >
          <ToggleButton value="and" data-testid="filter-op-and">
            {t('filters.all')}
          </ToggleButton>
          <ToggleButton value="or" data-testid="filter-op-or">
            {t('filters.any')}
          </ToggleButton>
        </ToggleButtonGroup>
        {onRemove && (
          <IconButton size="small" onClick={onRemove} aria-label={t('filters.removeGroup')} sx={{ marginInlineStart: 'auto' }}>
            <CloseIcon fontSize="small" />
          </IconButton>
        )}
      </Box>
      <Stack spacing={1.5}>
        {group.conditions.map((item, index) =>
          isGroup(item) ? (
            <GroupEditor key={index} fields={fields} group={item} depth={depth + 1} onChange={(g) => setItem(index, g)} onRemove={() => removeItem(index)} />
          ) : (
            <ConditionRow key={index} fields={fields} condition={item} onChange={(c) => setItem(index, c)} onRemove={() => removeItem(index)} />
          ),
        )}
        {group.conditions.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('filters.empty')}
          </Typography>
        )}
      </Stack>
      <Box sx={{ display: 'flex', gap: 1, mt: 1.5, flexWrap: 'wrap' }}>
        <Button size="small" startIcon={<AddIcon />} onClick={() => onChange({ ...group, conditions: [...group.conditions, newCondition(fields)] })} data-testid="filter-add">
          {t('filters.addCondition')}
        </Button>
        {depth === 0 && (
          <Button
            size="small"
            startIcon={<PlaylistAddIcon />}
            onClick={() => onChange({ ...group, conditions: [...group.conditions, { op: group.op === 'and' ? 'or' : 'and', conditions: [newCondition(fields)] }] })}
            data-testid="filter-add-group"
          >
            {t('filters.addGroup')}
          </Button>
        )}
      </Box>
    </Box>
  );
}

function ConditionRow({
  fields,
  condition,
  onChange,
  onRemove,
}: {
  fields: FieldDescriptor[];
  condition: FilterCondition;
  onChange: (c: FilterCondition) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useT();
  const field = fields.find((f) => f.key === condition.field);
  const operators = operatorsFor(field);

  const handleField = (next: FieldDescriptor | null) => {
    if (!next) return;
    const ops = operatorsFor(next);
    const op = ops.includes(condition.op) ? condition.op : (defaultOperator(next) ?? 'eq');
    // A value fits another field of the same kind, except the options of another choice field.
    const keep = next.type === field?.type && next.references === field?.references && !next.options;
    onChange({ field: next.key, op, value: keep ? condition.value : defaultValue(next, op) });
  };
  const handleOp = (op: FilterOperator) => {
    const wasList = LIST_OPERATORS.has(condition.op) || condition.op === 'between';
    const isList = LIST_OPERATORS.has(op) || op === 'between';
    onChange({ ...condition, op, value: wasList === isList ? condition.value : defaultValue(field, op) });
  };

  return (
    <Box
      data-testid="filter-condition"
      sx={{ display: 'grid', gap: 1, alignItems: 'start', gridTemplateColumns: { xs: '1fr auto', sm: 'minmax(150px, 1.1fr) minmax(130px, 0.9fr) minmax(160px, 1.4fr) auto' } }}
    >
      <Autocomplete
        size="small"
        options={fields}
        value={field ?? null}
        onChange={(_, v) => handleField(v)}
        getOptionLabel={(o) => o.label[locale]}
        isOptionEqualToValue={(a, b) => a.key === b.key}
        groupBy={(o) => (o.custom ? t('filters.customFields') : t('filters.standardFields'))}
        disableClearable={Boolean(field)}
        renderInput={(params) => (
          <TextField {...params} label={t('filters.field')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'filter-field' } }} />
        )}
        sx={{ gridColumn: { xs: '1 / 2', sm: 'auto' } }}
      />
      <IconButton onClick={onRemove} aria-label={t('filters.removeCondition')} sx={{ gridColumn: { xs: '2 / 3', sm: '4 / 5' }, gridRow: { xs: '1', sm: '1' } }} data-testid="filter-remove">
        <CloseIcon fontSize="small" />
      </IconButton>
      <TextField
        select
        size="small"
        label={t('filters.operator')}
        value={operators.includes(condition.op) ? condition.op : ''}
        onChange={(e) => handleOp(e.target.value as FilterOperator)}
        slotProps={{ htmlInput: { 'data-testid': 'filter-operator' } }}
        sx={{ gridColumn: { xs: '1 / 2', sm: 'auto' } }}
      >
        {operators.map((op) => (
          <MenuItem key={op} value={op}>
            {t(`filters.ops.${op}` as TKey)}
          </MenuItem>
        ))}
      </TextField>
      <Box sx={{ gridColumn: { xs: '1 / 2', sm: 'auto' }, minWidth: 0 }}>
        {field && !NO_VALUE_OPERATORS.has(condition.op) && <ValueEditor field={field} op={condition.op} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />}
      </Box>
    </Box>
  );
}

function defaultValue(field: FieldDescriptor | undefined, op: FilterOperator): unknown {
  if (NO_VALUE_OPERATORS.has(op)) return undefined;
  if (LIST_OPERATORS.has(op)) return [];
  if (op === 'between') return ['', ''];
  if (field?.type === 'boolean') return true;
  return '';
}

function ValueEditor({ field, op, value, onChange }: { field: FieldDescriptor; op: FilterOperator; value: unknown; onChange: (v: unknown) => void }) {
  const { t, locale } = useT();
  const tags = useTags();
  const owners = useOwners();
  const label = t('filters.value');
  const list = LIST_OPERATORS.has(op);

  if (op === 'between') {
    const [from, to] = Array.isArray(value) ? (value as string[]) : ['', ''];
    const one = (v: string, i: 0 | 1) => {
      const next = [from ?? '', to ?? ''];
      next[i] = v;
      onChange(next);
    };
    return (
      <Box sx={{ display: 'flex', gap: 1 }}>
        <SingleValue field={field} value={from ?? ''} onChange={(v) => one(String(v ?? ''), 0)} label={t('filters.from')} />
        <SingleValue field={field} value={to ?? ''} onChange={(v) => one(String(v ?? ''), 1)} label={t('filters.to')} />
      </Box>
    );
  }

  type Opt = { value: string; label: string };
  let choices: Opt[] | null = null;
  if (field.type === 'enum' || field.type === 'multi_enum') choices = (field.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] }));
  if (field.type === 'user') choices = [{ value: 'me', label: t('filters.me') }, ...(owners.data ?? []).map((o) => ({ value: o.userId, label: o.name }))];
  if (field.type === 'tags') choices = (tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }));

  if (choices) {
    if (list) {
      const selected = Array.isArray(value) ? (value as string[]) : [];
      return (
        <Autocomplete
          multiple
          size="small"
          options={choices}
          value={choices.filter((c) => selected.includes(c.value))}
          onChange={(_, v) => onChange(v.map((c) => c.value))}
          getOptionLabel={(o) => o.label}
          isOptionEqualToValue={(a, b) => a.value === b.value}
          renderInput={(params) => <TextField {...params} label={label} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'filter-value' } }} />}
        />
      );
    }
    return (
      <TextField select size="small" label={label} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'filter-value' } }}>
        {choices.map((c) => (
          <MenuItem key={c.value} value={c.value}>
            {c.label}
          </MenuItem>
        ))}
      </TextField>
    );
  }

  if (field.type === 'reference' && (field.references === 'person' || field.references === 'organization')) {
    return <ReferenceValue kind={field.references} list={list} value={value} onChange={onChange} label={label} />;
  }

  if (field.type === 'boolean') {
    return (
      <TextField select size="small" label={label} value={value === false ? 'false' : 'true'} onChange={(e) => onChange(e.target.value === 'true')} slotProps={{ htmlInput: { 'data-testid': 'filter-value' } }}>
        <MenuItem value="true">{t('filters.yes')}</MenuItem>
        <MenuItem value="false">{t('filters.no')}</MenuItem>
      </TextField>
    );
  }

  return <SingleValue field={field} value={value} onChange={onChange} label={label} />;
}

/** People or organisations picked by name; the filter holds their ids. */
function ReferenceValue({ kind, list, value, onChange, label }: { kind: 'person' | 'organization'; list: boolean; value: unknown; onChange: (v: unknown) => void; label: string }) {
  const { t } = useT();
  const ids = (Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []).map(String);
  const titles = useReferenceTitles(ids.map((id) => ({ kind, id })));
  const picked = (id: string): PickedRecord => ({ id, title: titles.get(id) ?? t('common.loading') });
  if (!list) {
    return <RecordPicker kind={kind} label={label} value={ids[0] ? picked(ids[0]) : null} onChange={(r) => onChange(r?.id ?? '')} testId="filter-value" />;
  }
  return (
    <Stack spacing={1}>
      {ids.length > 0 && (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {ids.map((id) => (
            <Chip key={id} size="small" label={picked(id).title} onDelete={() => onChange(ids.filter((x) => x !== id))} />
          ))}
        </Box>
      )}
      <RecordPicker kind={kind} label={label} value={null} excludeIds={ids} onChange={(r) => r && onChange([...ids, r.id])} testId="filter-value" />
    </Stack>
  );
}

function SingleValue({ field, value, onChange, label }: { field: FieldDescriptor; value: unknown; onChange: (v: unknown) => void; label: string }) {
  if (field.type === 'date' || field.type === 'datetime') {
    return <DateInput size="small" label={label} value={typeof value === 'string' ? value : ''} onChange={(iso) => onChange(iso ?? '')} testId="filter-value" />;
  }
  const numeric = field.type === 'number' || field.type === 'phones';
  return (
    <TextField
      size="small"
      label={label}
      value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ htmlInput: { 'data-testid': 'filter-value', inputMode: numeric ? 'decimal' : undefined, dir: field.type === 'emails' ? 'ltr' : undefined } }}
    />
  );
}
