import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  TagChips,
  latinName,
  LtrCell,
  primaryOf,
  useOwnerName,
  usePhoneText,
  type Person,
} from '../../shared/records/index.ts';
import { RecordListPage, type RecordColumn } from '../../shared/records/RecordListPage.tsx';
import { LtrText, PersonCell } from '../../shared/ui/index.ts';
import { QuickCreatePersonDialog } from './QuickCreatePersonDialog.tsx';

/** The Latin spelling, when it says something the display name does not. */
const latinOf = (p: Person) => {
  const latin = latinName(p);
  return latin && latin !== p.displayName ? latin : undefined;
};

export function PeopleListPage() {
  const { t } = useT();
  const format = useFormat();
  const ownerName = useOwnerName();
  const phoneText = usePhoneText();

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
      {
        field: 'email',
        label: t('people.fields.email'),
        sortField: null,
        flex: 1.3,
        minWidth: 180,
        render: (p) => {
          const e = primaryOf(p.emails);
          return e ? <LtrCell>{e.value}</LtrCell> : null;
        },
      },
      {
        field: 'phone',
        label: t('people.fields.phone'),
        sortField: null,
        minWidth: 140,
        render: (p) => {
          const ph = primaryOf(p.phones);
          return ph ? <LtrCell>{phoneText(ph.value)}</LtrCell> : null;
        },
      },
      { field: 'jobTitle', label: t('people.fields.jobTitle'), minWidth: 130, render: (p) => p.jobTitle ?? '' },
      { field: 'ownerId', label: t('records.owner'), minWidth: 130, render: (p) => ownerName(p.ownerId) },
      { field: 'tags', label: t('records.tags'), sortField: null, minWidth: 160, render: (p) => <TagChips tags={p.tags} /> },
      { field: 'lastVerifiedAt', label: t('records.lastVerifiedColumn'), minWidth: 130, defaultVisible: false, render: (p) => (p.lastVerifiedAt ? format.date(p.lastVerifiedAt, 'short') : t('common.never')) },
      { field: 'birthday', label: t('people.fields.birthday'), minWidth: 120, defaultVisible: false, render: (p) => (p.birthday ? format.date(p.birthday, 'short') : '') },
      { field: 'source', label: t('people.fields.source'), minWidth: 110, defaultVisible: false, render: (p) => p.source ?? '' },
      { field: 'createdAt', label: t('records.createdAt'), minWidth: 130, defaultVisible: false, render: (p) => format.date(p.createdAt, 'short') },
      { field: 'updatedAt', label: t('records.updatedAt'), minWidth: 130, defaultVisible: false, render: (p) => format.date(p.updatedAt, 'short') },
    ],
    [t, format, ownerName, phoneText],
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
