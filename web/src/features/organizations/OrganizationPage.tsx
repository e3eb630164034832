import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import PersonAddAltOutlinedIcon from '@mui/icons-material/PersonAddAltOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ContactSection,
  DetailsSection,
  EditRecordDialog,
  LinkRecordDialog,
  RecordHeader,
  RecordPageLayout,
  RecordRoute,
  Section,
  Timeline,
  UnlinkButton,
  type Organization,
  type PickedRecord,
} from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ErrorState, LoadingState, LtrText, PersonCell, useNotify } from '../../shared/ui/index.ts';
import { useAddOrganizationPerson, useOrganizationPeople, useRemoveOrganizationPerson } from './organizations.api.ts';
import { organizationForm } from './OrganizationForm.tsx';
import { OrganizationTypeChip } from './OrganizationsListPage.tsx';
import { TerritoryName } from '../territories/TerritoryName.tsx';

const territoryIdOf = (org: Organization): string | null => (org as Organization & { territoryId?: string | null }).territoryId ?? null;
import { CustomerOrdersSection } from '../orders/CustomerOrdersSection.tsx';
import { DealsOfRecordSection } from '../deals/DealsOfRecord.tsx';
import { ActivityActions } from '../activities/index.ts';
import { TasksPanel } from '../tasks/index.ts';

export function OrganizationPage() {
  return <RecordRoute<Organization> resource="organizations" render={(org, reload) => <OrganizationView org={org} onReload={reload} />} />;
}

/** The site as a link that leaves the app, whether or not it was saved with its scheme. */
const websiteHref = (website: string) => (/^https?:\/\//i.test(website) ? website : `https://${website}`);

function OrganizationView({ org, onReload }: { org: Organization; onReload: () => void }) {
  const { t } = useT();
  const format = useFormat();
  const me = useSession();
  const people = useOrganizationPeople(org.id);
  const canWrite = can(me, 'records.write') && !org.deletedAt;
  const canDelete = can(me, 'records.delete');

  const header = (
    <RecordHeader
      resource="organizations"
      record={org}
      name={org.name}
      latinName={org.nameLatin}
      avatar={
        <Avatar variant="rounded" sx={{ width: 56, height: 56, bgcolor: 'secondary.main' }}>
          <ApartmentOutlinedIcon />
        </Avatar>
      }
      canWrite={canWrite}
      canDelete={canDelete}
      verifiable
      renderEditDialog={(close) => <EditRecordDialog resource="organizations" record={org} name={org.name} form={organizationForm} onClose={close} onReload={onReload} />}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 0.75, flexWrap: 'wrap' }}>
        <OrganizationTypeChip type={org.type} />
        {org.industry && <Typography variant="body2">{org.industry}</Typography>}
      </Box>
      {canWrite && <ActivityActions subject={{ entityType: 'organization', id: org.id, name: org.name }} phones={org.phones} people={(people.data ?? []).map((r) => ({ id: r.personId, name: r.name }))} />}
    </RecordHeader>
  );

  const website = org.website && (
    <Link href={websiteHref(org.website)} target="_blank" rel="noopener noreferrer">
      <LtrText>{org.website}</LtrText>
    </Link>
  );

  const side = (
    <>
      <ContactSection emails={org.emails} phones={org.phones} extra={website} />
      <TasksPanel subject={{ entityType: 'organization', id: org.id, name: org.name }} canEdit={canWrite} />
      <OrganizationPeopleSection org={org} canEdit={canWrite} />
      <DealsOfRecordSection organization={{ id: org.id, title: org.name }} canCreate={canWrite} />
      <CustomerOrdersSection organizationId={org.id} />
      <DetailsSection
        createdAt={org.createdAt}
        items={[
          { label: t('territories.select'), value: territoryIdOf(org) ? <TerritoryName id={territoryIdOf(org)!} /> : null },
          { label: t('organizations.fields.size'), value: org.size ? t('organizations.sizeEmployees', { size: format.digits(org.size) }) : null },
          { label: t('organizations.fields.nationalId'), value: org.nationalId ? <LtrText>{format.digits(org.nationalId)}</LtrText> : null },
          { label: t('organizations.fields.economicCode'), value: org.economicCode ? <LtrText>{format.digits(org.economicCode)}</LtrText> : null },
        ]}
      />
    </>
  );

  return (
    <RecordPageLayout
      resource="organizations"
      record={org}
      name={org.name}
      canRestore={canDelete}
      canMerge={canWrite && canDelete}
      header={header}
      side={side}
      timeline={<Timeline entityType="organization" id={org.id} names={Object.fromEntries((people.data ?? []).map((r) => [r.personId, r.name]))} />}
    />
  );
}

function OrganizationPeopleSection({ org, canEdit }: { org: Organization; canEdit: boolean }) {
  const { t } = useT();
  const notify = useNotify();
  const people = useOrganizationPeople(org.id);
  const add = useAddOrganizationPerson(org.id);
  const remove = useRemoveOrganizationPerson(org.id);
  const [open, setOpen] = useState(false);
  const rows = people.data ?? [];

  const handleAdd = (person: PickedRecord, role: string | null) =>
    add.mutateAsync({ personId: person.id, role }).then(
      () => {
        setOpen(false);
        notify({ key: 'common.saved' });
        return true;
      },
      () => false, // shown from add.error
    );

  return (
    <Section
      title={t('organizations.people')}
      testId="organization-people"
      action={
        canEdit ? (
          <Button size="small" startIcon={<PersonAddAltOutlinedIcon />} onClick={() => setOpen(true)} data-testid="organization-add-person">
            {t('organizations.addPerson')}
          </Button>
        ) : undefined
      }
    >
      {people.isPending ? (
        <LoadingState minHeight={80} />
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => void people.refetch()} />
      ) : rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('organizations.noPeople')}
        </Typography>
      ) : (
        <Stack spacing={1.25}>
          {rows.map((r) => (
            <Box key={r.personId} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="organization-person-row">
              <Link component={RouterLink} to={`/people/${r.personId}`} underline="none" color="inherit" sx={{ flex: 1, minWidth: 0 }}>
                <PersonCell name={r.name} subtitle={[...new Set([r.role, r.jobTitle].filter(Boolean))].join(' · ') || undefined} />
              </Link>
              {r.isPrimary && <Chip size="small" variant="outlined" label={t('people.primary')} />}
              {canEdit && <UnlinkButton label={t('organizations.removePerson')} disabled={remove.isPending} onClick={() => remove.mutate(r.personId)} />}
            </Box>
          ))}
        </Stack>
      )}
      <LinkRecordDialog
        open={open}
        title={t('organizations.addPerson')}
        kind="person"
        pickerLabel={t('organizations.person')}
        excludeIds={rows.map((r) => r.personId)}
        pending={add.isPending}
        error={add.error}
        onDismissError={() => add.reset()}
        onClose={() => setOpen(false)}
        onSave={handleAdd}
        testId="add-person"
      />
    </Section>
  );
}
