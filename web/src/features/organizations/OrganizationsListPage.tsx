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
import { ORGANIZATION_TYPE_LABELS, TagChips, LtrCell, primaryOf, useOwnerName, usePhoneText, type Organization } from '../../shared/records/index.ts';
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

  // The columns are the server's fields (custom ones included); these say how some of them look.
  const columns = useMemo<RecordColumn<Organization>[]>(
    () => [
      {
        field: 'name',
        locked: true,
        flex: 1.6,
        minWidth: 220,
        render: (o) => (
          <Link component={RouterLink} to={`/organizations/${o.id}`} underline="none" color="inherit" sx={{ minWidth: 0 }} data-testid="organization-link">
            <OrgNameCell org={o} />
          </Link>
        ),
      },
      { field: 'type', render: (o) => <OrganizationTypeChip type={o.type} /> },
      { field: 'phones', aliases: ['phone'], minWidth: 140 },
      { field: 'website', minWidth: 150, render: (o) => (o.website ? <LtrCell>{o.website}</LtrCell> : null) },
      { field: 'nameLatin', render: (o) => (o.nameLatin ? <LtrCell>{o.nameLatin}</LtrCell> : null) },
      { field: 'nationalId', render: (o) => (o.nationalId ? format.digits(o.nationalId) : '') },
      { field: 'economicCode', render: (o) => (o.economicCode ? format.digits(o.economicCode) : '') },
      { field: 'ownerId', render: (o) => ownerName(o.ownerId) },
      { field: 'lastVerifiedAt', render: (o) => (o.lastVerifiedAt ? format.date(o.lastVerifiedAt, 'short') : t('common.never')) },
    ],
    [t, format, ownerName],
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
