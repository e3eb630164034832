import { Fragment, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import VerifiedOutlinedIcon from '@mui/icons-material/VerifiedOutlined';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';
import { errorMessage, SaveErrorAlert } from '../ui/ErrorState.tsx';
import { useNotify } from '../ui/notify.tsx';
import { CustomValue } from './CustomValue.tsx';
import { OwnerSelect, TagChips, TagsEditor, useOwnerName } from './RecordBits.tsx';
import { useRecordAction, useUpdateRecord } from './records.api.ts';
import type { CustomFieldDef, RecordResource, TagRef } from './records.types.ts';

/** A titled card of the 360° page. */
export function Section({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card data-testid={testId}>
      <CardContent sx={{ p: { xs: 2, sm: 2.5 }, '&:last-child': { pb: { xs: 2, sm: 2.5 } } }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5, minHeight: 32 }}>
          <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>
            {title}
          </Typography>
          {action}
        </Box>
        {children}
      </CardContent>
    </Card>
  );
}

/** Label: value pairs; empty values are left out unless `showEmpty`. */
export function DetailList({ items, showEmpty }: { items: Array<{ label: string; value: ReactNode; testId?: string }>; showEmpty?: boolean }) {
  const { t } = useT();
  const shown = showEmpty ? items : items.filter((i) => i.value !== null && i.value !== undefined && i.value !== '' && i.value !== false);
  if (!shown.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('records.nothingYet')}
      </Typography>
    );
  }
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'minmax(96px, max-content) 1fr', columnGap: 2, rowGap: 1, alignItems: 'baseline' }}>
      {shown.map((item) => (
        <Fragment key={item.label}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {item.label}
          </Typography>
          <Box component="dd" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere', typography: 'body2' }} data-testid={item.testId}>
            {item.value ?? t('common.none')}
          </Box>
        </Fragment>
      ))}
    </Box>
  );
}

export function CustomFieldsSection({ defs, values }: { defs: CustomFieldDef[]; values: Record<string, unknown> }) {
  const { t, locale } = useT();
  const active = defs.filter((d) => !d.archivedAt || values[d.key] !== undefined);
  if (!active.length) return null;
  return (
    <Section title={t('records.customFields')} testId="custom-fields-section">
      <DetailList showEmpty items={active.map((d) => ({ label: locale === 'fa' ? d.labelFa : d.labelEn, value: <CustomValue def={d} value={values[d.key]} />, testId: `custom-value-${d.key}` }))} />
    </Section>
  );
}

/** "Last verified ۲ آذر ۱۴۰۴" and a button that records a fresh confirmation. */
export function VerifyButton({ resource, id, lastVerifiedAt, disabled }: { resource: RecordResource; id: string; lastVerifiedAt: string | null; disabled?: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const action = useRecordAction(resource);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Typography variant="body2" color="text.secondary" data-testid="last-verified">
        {lastVerifiedAt ? t('records.lastVerified', { date: format.date(lastVerifiedAt) }) : t('records.neverVerified')}
      </Typography>
      <Button
        size="small"
        variant="outlined"
        startIcon={<VerifiedOutlinedIcon />}
        loading={action.isPending}
        disabled={disabled}
        onClick={() =>
          action.mutate(
            { id, action: 'verify' },
            {
              onSuccess: () => notify({ key: 'records.verifiedToast' }),
              onError: (e) => notify(errorMessage(e, t('errors.unknown')), 'error'),
            },
          )
        }
        data-testid="verify"
      >
        {t('records.verify')}
      </Button>
    </Box>
  );
}

/** Tags shown as chips; the pencil opens an editor that saves the whole set (PATCH tags). */
export function InlineTags({ resource, id, version, tags, canEdit }: { resource: RecordResource; id: string; version: number; tags: Array<string | TagRef>; canEdit: boolean }) {
  const { t } = useT();
  const notify = useNotify();
  const update = useUpdateRecord(resource);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const names = tags.map((x) => (typeof x === 'string' ? x : x.name));
  const [draft, setDraft] = useState<string[]>(names);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }} data-testid="record-tags">
      {names.length ? <TagChips tags={tags} max={12} /> : <Typography variant="body2" color="text.secondary">{t('records.noTags')}</Typography>}
      {canEdit && (
        <Tooltip title={t('records.editTags')}>
          <IconButton
            size="small"
            onClick={(e) => {
              setDraft(names);
              setAnchor(e.currentTarget);
            }}
            aria-label={t('records.editTags')}
            data-testid="edit-tags"
          >
            <EditOutlinedIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      <Popover open={anchor !== null} anchorEl={anchor} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }} slotProps={{ paper: { sx: { p: 2, width: 340, maxWidth: '92vw' } } }}>
        <Stack spacing={1.5}>
          <SaveErrorAlert error={update.error} onReload={() => setAnchor(null)} />
          <TagsEditor value={draft} onChange={setDraft} testId="tags-editor-input" />
          <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1 }}>
            <Button size="small" onClick={() => setAnchor(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              size="small"
              variant="contained"
              loading={update.isPending}
              data-testid="tags-save"
              onClick={() =>
                update.mutate(
                  { id, patch: { version, tags: draft } },
                  {
                    onSuccess: () => {
                      setAnchor(null);
                      notify({ key: 'common.saved' });
                    },
                  },
                )
              }
            >
              {t('common.save')}
            </Button>
          </Box>
        </Stack>
      </Popover>
    </Box>
  );
}

/** The owner, changeable in place. */
export function InlineOwner({ resource, id, version, ownerId, canEdit }: { resource: RecordResource; id: string; version: number; ownerId: string | null; canEdit: boolean }) {
  const ownerName = useOwnerName();
  const notify = useNotify();
  const { t } = useT();
  const update = useUpdateRecord(resource);
  if (!canEdit) return <span data-testid="record-owner">{ownerName(ownerId)}</span>;
  return (
    <OwnerSelect
      size="small"
      hideLabel
      value={ownerId}
      fullWidth={false}
      sx={{ minWidth: 180 }}
      testId="record-owner"
      disabled={update.isPending}
      onChange={(next) =>
        update.mutate(
          { id, patch: { version, ownerId: next } },
          {
            onSuccess: () => notify({ key: 'records.ownerChanged', vars: { name: ownerName(next) } }),
            onError: (e) => notify(errorMessage(e, t('errors.unknown')), 'error'),
          },
        )
      }
    />
  );
}
