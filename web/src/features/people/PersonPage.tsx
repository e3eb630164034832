import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddLinkIcon from '@mui/icons-material/AddLink';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactSection,
  DetailsSection,
  EditRecordDialog,
  LinkRecordDialog,
  ORGANIZATION_TYPE_LABELS,
  RecordHeader,
  RecordPageLayout,
  RecordRoute,
  Section,
  Timeline,
  UnlinkButton,
  latinName,
  useUpdateRecord,
  type PickedRecord,
  type Person,
} from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { SaveErrorAlert, initialOf, useNotify } from '../../shared/ui/index.ts';
import { createOrganizationNamed } from './people.api.ts';
import { personForm } from './PersonForm.tsx';
import { CustomerOrdersSection } from '../orders/CustomerOrdersSection.tsx';
import { DealsOfRecordSection } from '../deals/DealsOfRecord.tsx';
import { ActivityActions } from '../activities/index.ts';
import { TasksPanel } from '../tasks/index.ts';
import { PersonMessagingActions } from '../messaging/index.ts';

export function PersonPage() {
  return <RecordRoute<Person> resource="people" render={(person, reload) => <PersonView person={person} onReload={reload} />} />;
}

function PersonView({ person, onReload }: { person: Person; onReload: () => void }) {
  const { t, locale } = useT();
  const format = useFormat();
  const me = useSession();
  const canWrite = can(me, 'records.write') && !person.deletedAt;
  const canDelete = can(me, 'records.delete');
  const latin = latinName(person);
  const primaryOrg = person.organizations?.find((o) => o.isPrimary) ?? person.organizations?.[0];
  const listSeparator = locale === 'fa' ? '، ' : ', ';

  const header = (
    <RecordHeader
      resource="people"
      record={person}
      name={person.displayName}
      latinName={latin !== person.displayName ? latin : null}
      avatar={<Avatar sx={{ width: 56, height: 56, fontSize: 24, bgcolor: 'primary.main' }}>{initialOf(person.displayName)}</Avatar>}
      canWrite={canWrite}
      canDelete={canDelete}
      verifiable
      renderEditDialog={(close) => <EditRecordDialog resource="people" record={person} name={person.displayName} form={personForm} onClose={close} onReload={onReload} />}
      leadingActions={<PersonMessagingActions person={person} />}
    >
      {(person.jobTitle || primaryOrg) && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {person.jobTitle}
          {person.jobTitle && primaryOrg ? t('people.at') : ''}
          {primaryOrg && (
            <Link component={RouterLink} to={`/organizations/${primaryOrg.organizationId}`}>
              {primaryOrg.name}
            </Link>
          )}
        </Typography>
      )}
      {canWrite && <ActivityActions subject={{ entityType: 'person', id: person.id, name: person.displayName }} phones={person.phones} />}
    </RecordHeader>
  );

  const side = (
    <>
      <ContactSection emails={person.emails} phones={person.phones} testId="person-contact" />
      <TasksPanel subject={{ entityType: 'person', id: person.id, name: person.displayName }} canEdit={canWrite} />
      <OrganizationsSection person={person} canEdit={canWrite} />
      <DealsOfRecordSection
        person={{ id: person.id, title: person.displayName }}
        presetOrganization={primaryOrg ? { id: primaryOrg.organizationId, title: primaryOrg.name } : undefined}
        canCreate={canWrite}
      />
      <CustomerOrdersSection personId={person.id} />
      <DetailsSection
        createdAt={person.createdAt}
        items={[
          { label: t('people.fields.birthday'), value: person.birthday ? format.date(person.birthday) : null },
          { label: t('people.fields.anniversary'), value: person.anniversary ? format.date(person.anniversary) : null },
          { label: t('people.fields.source'), value: person.source },
          {
            label: t('people.fields.consent'),
            value: (['email', 'sms', 'phone'] as const).filter((k) => person.consent?.[k]).map((k) => t(`people.consent.${k}`)).join(listSeparator) || null,
          },
          {
            label: t('records.addresses'),
            value: person.addresses.length ? person.addresses.map((a) => [a.line, a.city, a.province, a.postalCode].filter(Boolean).join(listSeparator)).join(' | ') : null,
          },
        ]}
      />
    </>
  );

  return (
    <RecordPageLayout
      resource="people"
      record={person}
      name={person.displayName}
      canRestore={canDelete}
      canMerge={canWrite && canDelete}
      header={header}
      side={side}
      timeline={<Timeline entityType="person" id={person.id} names={Object.fromEntries((person.organizations ?? []).map((o) => [o.organizationId, o.name]))} />}
    />
  );
}

type OrganizationLink = { organizationId: string; role: string | null; isPrimary: boolean };

/** The person's organisations; linking and unlinking save the whole list on the person. */
function OrganizationsSection({ person, canEdit }: { person: Person; canEdit: boolean }) {
  const { t, locale } = useT();
  const notify = useNotify();
  const update = useUpdateRecord<Person>('people');
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const links = person.organizations ?? [];
  const current: OrganizationLink[] = links.map((l) => ({ organizationId: l.organizationId, role: l.role, isPrimary: l.isPrimary }));

  const save = async (next: OrganizationLink[]) => {
    setBusy(true);
    setError(null);
    try {
      await update.mutateAsync({ id: person.id, patch: { version: person.version, organizations: next } });
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const handleAdd = async (org: PickedRecord, role: string | null) => {
    let organizationId = org.id;
    try {
      if (org.isNew) organizationId = (await createOrganizationNamed(org.title)).id;
    } catch (e) {
      setError(e);
      return false;
    }
    const ok = await save([...current, { organizationId, role, isPrimary: current.length === 0 }]);
    if (ok) {
      setAdding(false);
      notify({ key: 'common.saved' });
    }
    return ok;
  };

  return (
    <Section
      title={t('people.organizations')}
      testId="person-organizations"
      action={
        canEdit ? (
          <Button size="small" startIcon={<AddLinkIcon />} onClick={() => setAdding(true)} data-testid="person-add-organization">
            {t('people.linkOrganization')}
          </Button>
        ) : undefined
      }
    >
      {links.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('people.noOrganizations')}
        </Typography>
      ) : (
        <Stack spacing={1}>
          {links.map((l) => (
            <Box key={l.organizationId} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="person-organization-row">
              <ApartmentOutlinedIcon fontSize="small" color="action" />
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Link component={RouterLink} to={`/organizations/${l.organizationId}`} sx={{ fontWeight: 600 }}>
                  {l.name}
                </Link>
                <Typography variant="caption" color="text.secondary" component="div">
                  {[l.role, ORGANIZATION_TYPE_LABELS[l.type]?.[locale]].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
              {l.isPrimary && links.length > 1 && <Chip size="small" label={t('people.primary')} />}
              {canEdit && <UnlinkButton label={t('people.unlinkOrganization')} disabled={busy} onClick={() => void save(current.filter((c) => c.organizationId !== l.organizationId))} />}
            </Box>
          ))}
        </Stack>
      )}
      {error !== null && !adding ? <SaveErrorAlert error={error} onReload={() => setError(null)} /> : null}
      <LinkRecordDialog
        open={adding}
        title={t('people.linkOrganization')}
        kind="organization"
        allowCreate
        pickerLabel={t('people.fields.organization')}
        excludeIds={links.map((l) => l.organizationId)}
        pending={busy}
        error={error}
        onDismissError={() => setError(null)}
        onClose={() => setAdding(false)}
        onSave={handleAdd}
        testId="link-organization"
      />
    </Section>
  );
}
