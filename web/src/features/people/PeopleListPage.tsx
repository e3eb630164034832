import { Fragment, useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { TagChips, latinName, primaryOf, useFieldCatalog, useOwnerName, usePhoneText, type Person } from '../../shared/records/index.ts';
import { RecordListPage, type RecordColumn } from '../../shared/records/RecordListPage.tsx';
import { LtrText, PersonCell } from '../../shared/ui/index.ts';
import { QuickCreatePersonDialog } from './QuickCreatePersonDialog.tsx';

/** The Latin spelling, when it says something the display name does not. */
const latinOf = (p: Person) => {
  const latin = latinName(p);
  return latin && latin !== p.displayName ? latin : undefined;
};

/** The organisations a person works at, the primary one first, each a link to its page. */
function OrganizationLinks({ person }: { person: Person }) {
  const { locale } = useT();
  const links = [...(person.organizations ?? [])].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  return (
    <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="person-organizations">
      {links.map((o, index) => (
        <Fragment key={o.organizationId}>
          {index > 0 && (locale === 'fa' ? '، ' : ', ')}
          <Link component={RouterLink} to={`/organizations/${o.organizationId}`} underline="hover" color="inherit">
            {o.name}
          </Link>
        </Fragment>
      ))}
    </Box>
  );
}

export function PeopleListPage() {
  const { t } = useT();
  const format = useFormat();
  const ownerName = useOwnerName();
  const phoneText = usePhoneText();
  // The server's fields of a person's organisations (by id, by name): their cells show the organisations the list items carry.
  const { fields } = useFieldCatalog('person');
  const organizationFields = fields.filter((f) => !f.custom && (f.references === 'organization' || f.key === 'organizationName')).map((f) => f.key).join(',');

  // The columns are the server's fields (custom ones included); these say how some of them look.
  const columns = useMemo<RecordColumn<Person>[]>(
    () => [
      {
        field: 'name',
        label: t('people.fields.name'),
        sortField: 'lastName',
        locked: true,
        flex: 1.6,
        minWidth: 220,
        render: (p) => (
          <Link component={RouterLink} to={`/people/${p.id}`} underline="none" color="inherit" sx={{ minWidth: 0 }} data-testid="person-link">
            <PersonCell name={p.displayName} email={latinOf(p)} />
          </Link>
        ),
      },
      { field: 'emails', aliases: ['email'] },
      { field: 'phones', aliases: ['phone'], minWidth: 140 },
      { field: 'ownerId', render: (p) => ownerName(p.ownerId) },
      { field: 'lastVerifiedAt', render: (p) => (p.lastVerifiedAt ? format.date(p.lastVerifiedAt, 'short') : t('common.never')) },
      { field: 'consentEmail', value: (p) => p.consent?.email },
      { field: 'consentSms', value: (p) => p.consent?.sms },
      { field: 'consentPhone', value: (p) => p.consent?.phone },
      ...(organizationFields ? organizationFields.split(',') : []).map((field) => ({ field, minWidth: 160, render: (p: Person) => <OrganizationLinks person={p} /> })),
    ],
    [t, format, ownerName, organizationFields],
  );

  return (
    <RecordListPage<Person>
      testId="people-page"
      entityType="person"
      title={t('people.title')}
      subtitle={t('people.subtitle')}
      allLabel={t('people.all')}
      createLabel={t('people.new')}
      emptyIcon={<PeopleAltOutlinedIcon />}
      emptyMessage={t('people.empty')}
      supportsStale
      vcard
      columns={columns}
      hrefOf={(p) => `/people/${p.id}`}
      renderCreate={(props) => <QuickCreatePersonDialog {...props} />}
      renderCard={(p) => {
        const email = primaryOf(p.emails);
        const ph = primaryOf(p.phones);
        const org = p.organizations?.find((o) => o.isPrimary) ?? p.organizations?.[0];
        return (
          <Box>
            <PersonCell name={p.displayName} email={latinOf(p)} />
            <Box sx={{ paddingInlineStart: '48px', mt: 0.5, display: 'flex', flexDirection: 'column', gap: 0.25 }}>
              {(p.jobTitle || org) && (
                <Typography variant="body2" color="text.secondary">
                  {[p.jobTitle, org?.name].filter(Boolean).join(' · ')}
                </Typography>
              )}
              {ph && (
                <Typography variant="body2">
                  <LtrText>{phoneText(ph.value)}</LtrText>
                </Typography>
              )}
              {email && (
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  <LtrText>{email.value}</LtrText>
                </Typography>
              )}
              <TagChips tags={p.tags} />
            </Box>
          </Box>
        );
      }}
    />
  );
}
