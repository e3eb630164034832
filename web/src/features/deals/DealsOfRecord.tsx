import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useT } from '../../shared/i18n/index.ts';
import { Section, type PickedRecord } from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ErrorState, LoadingState } from '../../shared/ui/index.ts';
import { DealStatusChip, useMoney } from './deal-bits.tsx';
import { useDealsOf } from './deals.api.ts';
import { QuickCreateDealDialog } from './QuickCreateDealDialog.tsx';

/** The deals of the organisation, else of the person; a person's page presets their organisation in a new deal. */
type Props = { organization?: PickedRecord; person?: PickedRecord; presetOrganization?: PickedRecord; canCreate: boolean };

/** The deals of an organisation or a person on their 360° page, with "New deal" preset to them. */
export function DealsOfRecordSection({ organization, person, presetOrganization, canCreate }: Props) {
  const { t } = useT();
  const me = useSession();
  const money = useMoney();
  const deals = useDealsOf(organization ? { organizationId: organization.id } : { personId: person?.id });
  const [creating, setCreating] = useState(false);
  const rows = deals.data?.items ?? [];
  return (
    <Section
      title={t('deals.ofRecord')}
      testId="record-deals"
      action={
        canCreate && can(me, 'records.write') ? (
          <Button size="small" startIcon={<AddIcon />} onClick={() => setCreating(true)} data-testid="record-new-deal">
            {t('deals.new')}
          </Button>
        ) : undefined
      }
    >
      {deals.isPending ? (
        <LoadingState minHeight={60} />
      ) : deals.isError ? (
        <ErrorState error={deals.error} onRetry={() => void deals.refetch()} />
      ) : rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('deals.noDealsOfRecord')}
        </Typography>
      ) : (
        <Stack spacing={1.25}>
          {rows.map((d) => (
            <Box key={d.id} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="record-deal-row">
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Link component={RouterLink} to={`/deals/${d.id}`} sx={{ fontWeight: 600 }}>
                  {d.title}
                </Link>
                <Typography variant="caption" color="text.secondary" component="div">
                  {d.stage?.name}
                </Typography>
              </Box>
              <Box sx={{ textAlign: 'end' }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {money(d.amount, d.currency)}
                </Typography>
                <DealStatusChip status={d.status} />
              </Box>
            </Box>
          ))}
        </Stack>
      )}
      {canCreate && <QuickCreateDealDialog open={creating} onClose={() => setCreating(false)} preset={{ organization: organization ?? presetOrganization ?? null, person: person ?? null }} />}
    </Section>
  );
}
