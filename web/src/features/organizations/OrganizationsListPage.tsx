import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  ORGANIZATION_TYPE_LABELS,
  TagChips,
  LtrCell,
  primaryOf,
  useOwnerName,
  usePhoneText,
  type Organization,
} from '../../shared/records/index.ts';
import { RecordListPage, type RecordColumn } from '../../shared/records/RecordListPage.tsx';
import { LtrText } from '../../shared/ui/index.ts';
import { QuickCreateOrganizationDialog } from './QuickCreateOrganizationDialog.tsx';

const TYPE_COLOR: Record<string, 'success' | 'info' | 'secondary' | 'warning' | 'default' | 'error'> = {
  customer: 'success',
  prospect: 'info',
  partner: 'secondary',
  distributor: 'secondary',
  supplier: 'warning',
  competitor: 'error',
};

export function OrganizationTypeChip({ type }: { type: string }) {
  const { locale } = useT();
  return <Chip size="small" variant="outlined" color={TYPE_COLOR[type] ?? 'default'} label={ORGANIZATION_TYPE_LABELS[type]?.[locale] ?? type} data-testid="org-type-chip" />;
}

function OrgNameCell({ org }: { org: Organization }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, minWidth: 0 }}>
      <Avatar variant="rounded" sx={{ width: 36, height: 36, bgcolor: 'secondary.main', fontSize: 15 }}>
        <ApartmentOutlinedIcon fontSize="small" />
      </Avatar>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap>
          {org.name}
        </Typography>
        {org.nameLatin && (
          <Typography variant="caption" color="text.secondary" component="div" noWrap>
            <LtrText>{org.nameLatin}</LtrText>
          </Typography>
        )}
      </Box>
    </Box>
  );
}

export function OrganizationsListPage() {
  const { t } = useT();
  const format = useFormat();
  const ownerName = useOwnerName();
  const phoneText = usePhoneText();

  const columns = useMemo<RecordColumn<Organization>[]>(
    () => [
      {
        field: 'name',
        label: t('organizations.fields.name'),
        locked: true,
        flex: 1.6,
        minWidth: 220,
        render: (o) => (
          <Link component={RouterLink} to={`/organizations/${o.id}`} underline="none" color="inherit" sx={{ minWidth: 0 }} data-testid="organization-link">
            <OrgNameCell org={o} />
          </Link>
        ),
      },
      { field: 'type', label: t('organizations.fields.type'), minWidth: 130, render: (o) => <OrganizationTypeChip type={o.type} /> },
      { field: 'industry', label: t('organizations.fields.industry'), minWidth: 130, render: (o) => o.industry ?? '' },
      {
        field: 'phone',
        label: t('people.fields.phone'),
        sortField: null,
        minWidth: 140,
        render: (o) => {
          const p = primaryOf(o.phones);
          return p ? <LtrCell>{phoneText(p.value)}</LtrCell> : null;
        },
      },
      {
        field: 'website',
        label: t('organizations.fields.website'),
        minWidth: 150,
        defaultVisible: false,
        render: (o) => (o.website ? <LtrCell>{o.website}</LtrCell> : null),
      },
      { field: 'size', label: t('organizations.fields.size'), minWidth: 100, defaultVisible: false, render: (o) => (o.size ? format.digits(o.size) : '') },
      { field: 'ownerId', label: t('records.owner'), minWidth: 130, render: (o) => ownerName(o.ownerId) },
      { field: 'tags', label: t('records.tags'), sortField: null, minWidth: 160, render: (o) => <TagChips tags={o.tags} /> },
      { field: 'nationalId', label: t('organizations.fields.nationalId'), minWidth: 130, defaultVisible: false, render: (o) => (o.nationalId ? format.digits(o.nationalId) : '') },
      { field: 'lastVerifiedAt', label: t('records.lastVerifiedColumn'), minWidth: 130, defaultVisible: false, render: (o) => (o.lastVerifiedAt ? format.date(o.lastVerifiedAt, 'short') : t('common.never')) },
      { field: 'createdAt', label: t('records.createdAt'), minWidth: 130, render: (o) => format.date(o.createdAt, 'short') },
    ],
    [t, format, ownerName, phoneText],
  );

  return (
    <RecordListPage<Organization>
      testId="organizations-page"
      entityType="organization"
      title={t('organizations.title')}
      subtitle={t('organizations.subtitle')}
      allLabel={t('organizations.all')}
      createLabel={t('organizations.new')}
      emptyIcon={<ApartmentOutlinedIcon />}
      emptyMessage={t('organizations.empty')}
      supportsStale
      columns={columns}
      hrefOf={(o) => `/organizations/${o.id}`}
      renderCreate={(props) => <QuickCreateOrganizationDialog {...props} />}
      renderCard={(o) => {
        const p = primaryOf(o.phones);
        return (
          <Box>
            <OrgNameCell org={o} />
            <Box sx={{ paddingInlineStart: '48px', mt: 0.5, display: 'flex', flexDirection: 'column', gap: 0.5, alignItems: 'flex-start' }}>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <OrganizationTypeChip type={o.type} />
                {o.industry && (
                  <Typography variant="body2" color="text.secondary">
                    {o.industry}
                  </Typography>
                )}
              </Box>
              {p && (
                <Typography variant="body2">
                  <LtrText>{phoneText(p.value)}</LtrText>
                </Typography>
              )}
              <TagChips tags={o.tags} />
            </Box>
          </Box>
        );
      }}
    />
  );
}
