import { Fragment, useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/LoadingState.tsx';
import { LtrText } from '../ui/LtrText.tsx';
import { useNotify } from '../ui/notify.tsx';
import { CustomFieldsSection, DetailList, InlineOwner, InlineTags, Section, VerifyButton } from './DetailBits.tsx';
import { MergePanel } from './MergePanel.tsx';
import { ContactLinks } from './RecordBits.tsx';
import { useCustomFieldDefs, useRecord, useRecordAction } from './records.api.ts';
import { ENTITY_OF, type ContactEntry, type RecordResource, type TagRef } from './records.types.ts';

/*
 * The frame the 360° pages of people, organisations and leads share: loading the record, the way
 * back to the list, the trash notice, the header card (name, tags, owner, edit, delete) and the
 * two columns (details beside the timeline). A feature fills in only what is its own.
 * Test ids are derived from the entity (person-page, organization-edit, lead-timeline…).
 */

/** What the frame reads of any customer record. */
type FramedRecord = {
  id: string;
  version: number;
  ownerId: string | null;
  tags: Array<string | TagRef>;
  deletedAt: string | null;
  lastVerifiedAt?: string | null;
  custom: Record<string, unknown>;
};

/** Loads the record of the route's :id; keyed by id so that local state starts afresh on another record. */
export function RecordRoute<T extends { id: string }>({ resource, render }: { resource: RecordResource; render: (record: T, reload: () => void) => ReactNode }) {
  const { id } = useParams();
  const record = useRecord<T>(resource, id);
  if (record.isPending) return <LoadingState />;
  if (record.isError) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  return <Fragment key={record.data.id}>{render(record.data, () => void record.refetch())}</Fragment>;
}

type LayoutProps = {
  resource: RecordResource;
  record: FramedRecord;
  name: string;
  canRestore: boolean;
  /** People and organisations can take in a duplicate (leads are converted instead). */
  canMerge?: boolean;
  /** A notice above the trash notice, e.g. a lead's "converted". */
  banner?: ReactNode;
  header: ReactNode;
  /** The feature's cards of the first column; its custom fields (and merging) follow them. */
  side: ReactNode;
  timeline: ReactNode;
  /** Dialogs of the feature. */
  children?: ReactNode;
};

export function RecordPageLayout({ resource, record, name, canRestore, canMerge = false, banner, header, side, timeline, children }: LayoutProps) {
  const { t } = useT();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const entity = ENTITY_OF[resource];
  // Archived fields too: a value kept in one is still shown.
  const defs = useCustomFieldDefs(entity, true);
  return (
    <Box data-testid={`${entity}-page`}>
      <Button component={RouterLink} to={`/${resource}`} size="small" startIcon={<ArrowBackIcon sx={{ transform: theme.direction === 'rtl' ? 'scaleX(-1)' : undefined }} />} sx={{ mb: 1 }}>
        {t(`${resource}.title`)}
      </Button>
      {banner}
      {record.deletedAt && <TrashNotice resource={resource} id={record.id} canRestore={canRestore} />}
      {header}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: wide ? 'minmax(300px, 5fr) 7fr' : '1fr', alignItems: 'start' }}>
        <Stack spacing={2}>
          {side}
          <CustomFieldsSection defs={defs.data ?? []} values={record.custom} />
          {canMerge && (entity === 'person' || entity === 'organization') && <MergePanel entityType={entity} id={record.id} version={record.version} name={name} />}
        </Stack>
        <Section title={t('timeline.title')} testId={`${entity}-timeline`}>
          {timeline}
        </Section>
      </Box>
      {children}
    </Box>
  );
}

function TrashNotice({ resource, id, canRestore }: { resource: RecordResource; id: string; canRestore: boolean }) {
  const { t } = useT();
  const action = useRecordAction(resource);
  const restore = (
    <Button color="inherit" size="small" onClick={() => action.mutate({ id, action: 'restore' })} data-testid={`${ENTITY_OF[resource]}-restore`}>
      {t('bulk.restore')}
    </Button>
  );
  return (
    <Alert severity="warning" sx={{ mb: 2 }} action={canRestore ? restore : undefined}>
      {t('records.inTrash')}
    </Alert>
  );
}

type HeaderProps = {
  resource: RecordResource;
  record: FramedRecord;
  name: string;
  /** Shown under the name when it says something the name does not. */
  latinName?: string | null;
  avatar?: ReactNode;
  /** The feature's own lines under the name (job title, type, status…). */
  children?: ReactNode;
  canWrite: boolean;
  canDelete: boolean;
  /** Leads are not re-verified, so they have no verify button. */
  verifiable?: boolean;
  /** Buttons before "Edit", for writers only (a lead's "Convert"). */
  leadingActions?: ReactNode;
  /** Outlined where another button is the page's main action. */
  editVariant?: 'contained' | 'outlined';
  renderEditDialog: (close: () => void) => ReactNode;
};

/** The card at the top of a 360° page. */
export function RecordHeader({ resource, record, name, latinName, avatar, children, canWrite, canDelete, verifiable = false, leadingActions, editVariant = 'contained', renderEditDialog }: HeaderProps) {
  const { t } = useT();
  const [editing, setEditing] = useState(false);
  const entity = ENTITY_OF[resource];
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          {avatar}
          <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }} data-testid={`${entity}-name`}>
              {name}
            </Typography>
            {latinName && (
              <Typography variant="body2" color="text.secondary" data-testid={`${entity}-name-latin`}>
                <LtrText>{latinName}</LtrText>
              </Typography>
            )}
            {children}
            <Box sx={{ mt: 1 }}>
              <InlineTags resource={resource} id={record.id} version={record.version} tags={record.tags} canEdit={canWrite} />
            </Box>
          </Box>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            {canWrite && leadingActions}
            {canWrite && (
              <Button variant={editVariant} startIcon={<EditOutlinedIcon />} onClick={() => setEditing(true)} data-testid={`${entity}-edit`}>
                {t('records.edit')}
              </Button>
            )}
            {canDelete && <DeleteRecordButton resource={resource} id={record.id} name={name} inTrash={Boolean(record.deletedAt)} />}
          </Box>
        </Box>
        <Box sx={{ display: 'flex', gap: 3, mt: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {t('records.owner')}:
            </Typography>
            <InlineOwner resource={resource} id={record.id} version={record.version} ownerId={record.ownerId} canEdit={canWrite} />
          </Box>
          {verifiable && <VerifyButton resource={resource} id={record.id} lastVerifiedAt={record.lastVerifiedAt ?? null} disabled={!canWrite} />}
        </Box>
      </CardContent>
      {editing && renderEditDialog(() => setEditing(false))}
    </Card>
  );
}

/**
 * Delete after a confirmation, go back to the list, and offer "Undo" there. Stays mounted once the
 * record is in the trash (only the button goes): the refetch after the delete lands before the
 * success callback, and an unmounted mutation would never call it.
 */
function DeleteRecordButton({ resource, id, name, inTrash }: { resource: RecordResource; id: string; name: string; inTrash: boolean }) {
  const { t } = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const action = useRecordAction(resource);
  const [confirming, setConfirming] = useState(false);

  const handleDelete = () =>
    action.mutate(
      { id, action: 'delete' },
      {
        onSuccess: () => {
          setConfirming(false);
          notify({ key: `${resource}.deleted`, vars: { name } }, 'info', {
            action: { label: { key: 'bulk.undo' }, testId: 'undo-delete', onClick: () => action.mutate({ id, action: 'restore' }) },
          });
          void navigate(`/${resource}`);
        },
      },
    );

  return (
    <>
      {!inTrash && (
        <Tooltip title={t('common.delete')}>
          <IconButton onClick={() => setConfirming(true)} aria-label={t('common.delete')} data-testid={`${ENTITY_OF[resource]}-delete`}>
            <DeleteOutlineIcon />
          </IconButton>
        </Tooltip>
      )}
      <ConfirmDialog
        open={confirming}
        title={t(`${resource}.deleteTitle`)}
        body={t(`${resource}.deleteBody`, { name })}
        confirmLabel={t('common.delete')}
        pending={action.isPending}
        error={action.error}
        onClose={() => setConfirming(false)}
        onConfirm={handleDelete}
      />
    </>
  );
}

/** Phones and emails (and e.g. a website after them), or a note that there are none. */
export function ContactSection({ emails, phones, extra, testId }: { emails: ContactEntry[]; phones: ContactEntry[]; extra?: ReactNode; testId?: string }) {
  const { t } = useT();
  const empty = !emails.length && !phones.length && !extra;
  return (
    <Section title={t('records.contact')} testId={testId}>
      {empty ? (
        <Typography variant="body2" color="text.secondary">
          {t('records.noContact')}
        </Typography>
      ) : (
        <Stack spacing={0.75}>
          <ContactLinks emails={emails} phones={phones} />
          {extra}
        </Stack>
      )}
    </Section>
  );
}

/** The details card; every record's ends with when it was created. */
export function DetailsSection({ items, createdAt }: { items: Array<{ label: string; value: ReactNode }>; createdAt: string }) {
  const { t } = useT();
  const format = useFormat();
  return (
    <Section title={t('records.details')}>
      <DetailList items={[...items, { label: t('records.createdAt'), value: format.dateTime(createdAt, 'long') }]} />
    </Section>
  );
}
