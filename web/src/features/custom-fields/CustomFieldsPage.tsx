import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import AddIcon from '@mui/icons-material/Add';
import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import CloseIcon from '@mui/icons-material/Close';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import TuneOutlinedIcon from '@mui/icons-material/TuneOutlined';
import { hasStatus } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { CUSTOM_FIELD_TYPES, useCustomFieldDefs, type CustomFieldDef, type CustomFieldType, type EntityType } from '../../shared/records/index.ts';
import { ConfirmDialog, DataTable, EmptyState, FormErrorAlert, LtrText, PageHeader, QueryStates, fieldState, useNotify, type Column } from '../../shared/ui/index.ts';
import { useArchiveCustomField, useSaveCustomField } from './custom-fields.api.ts';

const ENTITIES: EntityType[] = ['person', 'organization', 'lead'];
const KEY_RE = /^[a-z][a-z0-9_]{0,47}$/;

/** Settings → custom fields: per record type, create, edit labels/options/required, archive. */
export function CustomFieldsPage() {
  const { t, locale } = useT();
  const format = useFormat();
  const notify = useNotify();
  const [entityType, setEntityType] = useState<EntityType>('person');
  const [showArchived, setShowArchived] = useState(false);
  const defs = useCustomFieldDefs(entityType, showArchived);
  const archive = useArchiveCustomField();
  const [editing, setEditing] = useState<CustomFieldDef | 'new' | null>(null);
  const [archiving, setArchiving] = useState<CustomFieldDef | null>(null);

  const columns: Column<CustomFieldDef>[] = [
    {
      key: 'label',
      header: t('customFields.label'),
      render: (d) => (
        <Box>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {locale === 'fa' ? d.labelFa : d.labelEn}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {locale === 'fa' ? d.labelEn : d.labelFa}
          </Typography>
        </Box>
      ),
      minWidth: 180,
    },
    { key: 'key', header: t('customFields.key'), render: (d) => <LtrText mono>{d.key}</LtrText> },
    { key: 'type', header: t('customFields.type'), render: (d) => t(`customFields.types.${d.type}`), nowrap: true },
    {
      key: 'options',
      header: t('customFields.options'),
      render: (d) => (d.options.length ? t('customFields.optionCount', { count: format.number(d.options.length) }) : '—'),
      nowrap: true,
    },
    {
      key: 'flags',
      header: t('customFields.status'),
      render: (d) => (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          {d.required && <Chip size="small" color="primary" variant="outlined" label={t('customFields.required')} />}
          {d.archivedAt && <Chip size="small" label={t('customFields.archived')} />}
        </Box>
      ),
    },
  ];

  return (
    <Box data-testid="custom-fields-page">
      <PageHeader
        title={t('customFields.title')}
        subtitle={t('customFields.subtitle')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="custom-field-new">
            {t('customFields.new')}
          </Button>
        }
      />
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 2 }}>
        <Tabs value={entityType} onChange={(_, v: EntityType) => setEntityType(v)} variant="scrollable" allowScrollButtonsMobile>
          {ENTITIES.map((e) => (
            <Tab key={e} value={e} label={t(`imports.entityTypes.${e}`)} data-testid={`custom-fields-tab-${e}`} />
          ))}
        </Tabs>
        <FormControlLabel control={<Switch checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />} label={t('customFields.showArchived')} />
      </Box>
      <Card>
        <QueryStates query={defs} rows={defs.data} empty={<EmptyState icon={<TuneOutlinedIcon />} message={t('customFields.empty')} />}>
          {(rows) => (
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={(d) => d.id}
              testId="custom-fields-list"
              rowTestId="custom-field-row"
              actions={(d) =>
                d.archivedAt ? null : (
                  <>
                    <Tooltip title={t('records.edit')}>
                      <IconButton size="small" onClick={() => setEditing(d)} aria-label={t('records.edit')} data-testid="custom-field-edit">
                        <EditOutlinedIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title={t('customFields.archive')}>
                      <IconButton size="small" onClick={() => setArchiving(d)} aria-label={t('customFields.archive')} data-testid="custom-field-archive">
                        <ArchiveOutlinedIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </>
                )
              }
            />
          )}
        </QueryStates>
      </Card>
      {editing && <CustomFieldDialog entityType={entityType} field={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={archiving !== null}
        title={t('customFields.archiveTitle')}
        body={t('customFields.archiveBody', { name: archiving ? (locale === 'fa' ? archiving.labelFa : archiving.labelEn) : '' })}
        confirmLabel={t('customFields.archive')}
        pending={archive.isPending}
        error={archive.error}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          archive.mutate(archiving, {
            onSuccess: () => {
              notify({ key: 'customFields.archivedToast' });
              setArchiving(null);
            },
          })
        }
      />
    </Box>
  );
}

type OptionDraft = { value: string; labelFa: string; labelEn: string; existing: boolean };

function CustomFieldDialog({ entityType, field, onClose }: { entityType: EntityType; field?: CustomFieldDef; onClose: () => void }) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const save = useSaveCustomField();
  const [labelFa, setLabelFa] = useState(field?.labelFa ?? '');
  const [labelEn, setLabelEn] = useState(field?.labelEn ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [required, setRequired] = useState(field?.required ?? false);
  const [options, setOptions] = useState<OptionDraft[]>(field?.options.map((o) => ({ ...o, existing: true })) ?? []);
  const [submitted, setSubmitted] = useState(false);
  const hasOptions = type === 'select' || type === 'multi_select';

  const keyError = key && !KEY_RE.test(key) ? t('customFields.keyInvalid') : null;
  const optionsError = hasOptions && options.filter((o) => o.labelFa.trim() && o.labelEn.trim()).length === 0 ? t('customFields.optionsRequired') : null;

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!labelFa.trim() || !labelEn.trim() || keyError || optionsError) return;
    save.mutate(
      {
        existing: field,
        input: {
          entityType,
          ...(key && !field ? { key } : {}),
          labelFa: labelFa.trim(),
          labelEn: labelEn.trim(),
          type,
          required,
          ...(hasOptions
            ? {
                options: options
                  .filter((o) => o.labelFa.trim() && o.labelEn.trim())
                  .map((o) => ({ ...(o.value.trim() ? { value: o.value.trim() } : {}), labelFa: o.labelFa.trim(), labelEn: o.labelEn.trim() })),
              }
            : {}),
        },
      },
      {
        onSuccess: () => {
          notify({ key: 'common.saved' });
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} fullScreen={phone} maxWidth="sm" fullWidth data-testid="custom-field-dialog">
      <Box component="form" noValidate onSubmit={handleSubmit}>
        <DialogTitle>{field ? t('customFields.editTitle') : t('customFields.newTitle', { entity: t(`imports.entityTypes.${entityType}`) })}</DialogTitle>
        <DialogContent dividers>
          {hasStatus(save.error, 409) ? <Alert severity="warning" sx={{ mb: 2 }}>{save.error instanceof Error ? save.error.message : ''}</Alert> : <FormErrorAlert error={save.error} />}
          <Stack spacing={2}>
            <TextField
              size="small"
              label={t('customFields.labelFa')}
              value={labelFa}
              onChange={(e) => setLabelFa(e.target.value)}
              {...fieldState('labelFa', { error: save.error, client: submitted && !labelFa.trim() ? t('errors.required') : null })}
              slotProps={{ htmlInput: { dir: 'rtl', 'data-testid': 'custom-field-label-fa' } }}
            />
            <TextField
              size="small"
              label={t('customFields.labelEn')}
              value={labelEn}
              onChange={(e) => setLabelEn(e.target.value)}
              {...fieldState('labelEn', { error: save.error, client: submitted && !labelEn.trim() ? t('errors.required') : null })}
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'custom-field-label-en' } }}
            />
            <TextField
              size="small"
              label={t('customFields.key')}
              value={key}
              disabled={Boolean(field)}
              onChange={(e) => setKey(e.target.value.toLowerCase())}
              {...fieldState('key', { error: save.error, client: keyError, helper: field ? t('customFields.keyFixed') : t('customFields.keyHelp') })}
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'custom-field-key' } }}
            />
            <TextField
              select
              size="small"
              label={t('customFields.type')}
              value={type}
              disabled={Boolean(field)}
              onChange={(e) => setType(e.target.value as CustomFieldType)}
              helperText={field ? t('customFields.typeFixed') : undefined}
              slotProps={{ htmlInput: { 'data-testid': 'custom-field-type' } }}
            >
              {CUSTOM_FIELD_TYPES.map((ty) => (
                <MenuItem key={ty} value={ty}>
                  {t(`customFields.types.${ty}`)}
                </MenuItem>
              ))}
            </TextField>
            <FormControlLabel control={<Switch checked={required} onChange={(e) => setRequired(e.target.checked)} />} label={t('customFields.requiredHelp')} />
            {hasOptions && (
              <Box>
                <Typography variant="subtitle2" sx={{ mb: 1 }}>
                  {t('customFields.options')}
                </Typography>
                {optionsError && submitted && (
                  <Typography variant="caption" color="error" component="div" sx={{ mb: 1 }}>
                    {optionsError}
                  </Typography>
                )}
                <Stack spacing={1}>
                  {options.map((o, i) => (
                    <Box key={i} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr auto', sm: '1fr 1fr 120px auto' }, gap: 1 }} data-testid="custom-field-option">
                      <TextField size="small" label={t('customFields.labelFa')} value={o.labelFa} onChange={(e) => setOptions(options.map((x, j) => (j === i ? { ...x, labelFa: e.target.value } : x)))} />
                      <TextField size="small" label={t('customFields.labelEn')} value={o.labelEn} onChange={(e) => setOptions(options.map((x, j) => (j === i ? { ...x, labelEn: e.target.value } : x)))} slotProps={{ htmlInput: { dir: 'ltr' } }} />
                      <TextField
                        size="small"
                        label={t('customFields.value')}
                        value={o.value}
                        disabled={o.existing}
                        onChange={(e) => setOptions(options.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                        slotProps={{ htmlInput: { dir: 'ltr' } }}
                        sx={{ display: { xs: 'none', sm: 'flex' } }}
                      />
                      <IconButton onClick={() => setOptions(options.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                        <CloseIcon fontSize="small" />
                      </IconButton>
                    </Box>
                  ))}
                </Stack>
                <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => setOptions([...options, { value: '', labelFa: '', labelEn: '', existing: false }])} data-testid="custom-field-add-option">
                  {t('customFields.addOption')}
                </Button>
              </Box>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending} data-testid="custom-field-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
