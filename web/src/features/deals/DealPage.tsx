import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import HandshakeOutlinedIcon from '@mui/icons-material/HandshakeOutlined';
import PersonAddAltOutlinedIcon from '@mui/icons-material/PersonAddAltOutlined';
import RequestQuoteOutlinedIcon from '@mui/icons-material/RequestQuoteOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import {
  DetailList,
  DetailsSection,
  EditRecordDialog,
  LinkRecordDialog,
  RecordHeader,
  RecordPageLayout,
  RecordRoute,
  Section,
  Timeline,
  UnlinkButton,
  optionLabel,
  useFieldCatalog,
  type PickedRecord,
} from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ErrorState, LoadingState, PersonCell, SaveErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { activeStages, usePipelines, type Stage } from '../pipelines/pipelines.api.ts';
import { DealStatusChip, stageKindColor, useDealValueText, useDuration, useMoney } from './deal-bits.tsx';
import { dealForm } from './DealForm.tsx';
import { useMoneySettings, useStageHistory, useUpdateDeal, type Deal } from './deals.api.ts';
import { LineItemsSection } from './LineItems.tsx';
import { useStageMover } from './StageMove.tsx';
import { ActivityActions } from '../activities/index.ts';
import { TasksPanel } from '../tasks/index.ts';

export function DealPage() {
  return <RecordRoute<Deal> resource="deals" render={(deal, reload) => <DealView deal={deal} onReload={reload} />} />;
}

function DealView({ deal, onReload }: { deal: Deal; onReload: () => void }) {
  const { t, locale } = useT();
  const format = useFormat();
  const money = useMoney();
  const me = useSession();
  const { moneyDisplay } = useMoneySettings();
  const { fields } = useFieldCatalog('deal');
  const dealValueText = useDealValueText(deal.currency);
  const canWrite = can(me, 'records.write') && !deal.deletedAt;
  const canDelete = can(me, 'records.delete');

  const header = (
    <RecordHeader
      resource="deals"
      record={deal}
      name={deal.title}
      avatar={
        <Avatar variant="rounded" sx={{ width: 56, height: 56, bgcolor: 'primary.main' }}>
          <HandshakeOutlinedIcon />
        </Avatar>
      }
      canWrite={canWrite}
      canDelete={canDelete}
      renderEditDialog={(close) => <EditRecordDialog resource="deals" record={deal} name={deal.title} form={dealForm(moneyDisplay)} onClose={close} onReload={onReload} />}
    >
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', mt: 0.75, flexWrap: 'wrap' }}>
        <DealStatusChip status={deal.status} />
        <Typography variant="h6" component="p" sx={{ fontWeight: 700 }} data-testid="deal-amount">
          {money(deal.amount, deal.currency)}
        </Typography>
        {deal.organization && (
          <Link component={RouterLink} to={`/organizations/${deal.organization.id}`} data-testid="deal-organization-link">
            {deal.organization.name}
          </Link>
        )}
      </Box>
      <StageStepper deal={deal} canMove={canWrite} />
      {canWrite && <ActivityActions subject={{ entityType: 'deal', id: deal.id, name: deal.title }} people={deal.people.map((p) => ({ id: p.id, name: p.name }))} />}
    </RecordHeader>
  );

  const side = (
    <>
      <Section title={t('deals.summary')} testId="deal-summary">
        <DetailList
          items={[
            { label: t('deals.fields.amount'), value: money(deal.amount, deal.currency) },
            { label: t('deals.fields.amountBase'), value: deal.currency !== 'IRR' ? money(deal.amountBase) : null },
            { label: t('deals.fields.probability'), value: t('deals.probabilityValue', { value: format.number(deal.probability) }), testId: 'deal-probability-value' },
            { label: t('deals.fields.forecastCategory'), value: t(`deals.forecast.${deal.forecastCategory}`) },
            { label: t('deals.fields.expectedCloseDate'), value: deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : null, testId: 'deal-close-date-value' },
            { label: t('deals.fields.closedOn'), value: deal.closedOn ? format.date(deal.closedOn) : null },
            { label: t('deals.fields.source'), value: optionLabel(fields.find((f) => f.key === 'source'), deal.source, locale) },
            { label: t('deals.fields.description'), value: deal.description ? <Box sx={{ whiteSpace: 'pre-wrap' }}>{deal.description}</Box> : null },
          ]}
        />
      </Section>
      {deal.status === 'lost' && (
        <Section title={t('deals.lostSection')} testId="deal-lost">
          <DetailList
            items={[
              { label: t('deals.lostReason'), value: deal.lostReason ? (locale === 'fa' ? deal.lostReason.labelFa : deal.lostReason.labelEn) : null, testId: 'deal-lost-reason' },
              {
                label: t('deals.competitor'),
                value: deal.competitor ? (
                  <Link component={RouterLink} to={`/organizations/${deal.competitor.id}`}>
                    {deal.competitor.name}
                  </Link>
                ) : null,
              },
              { label: t('deals.lostNote'), value: deal.lostNote },
            ]}
          />
        </Section>
      )}
      <DealPeopleSection deal={deal} canEdit={canWrite} />
      <TasksPanel subject={{ entityType: 'deal', id: deal.id, name: deal.title }} canEdit={canWrite} />
      <LineItemsSection deal={deal} canEdit={canWrite} />
      {canWrite && !deal.deletedAt && (
        <Button component={RouterLink} to={`/quotes/new?dealId=${deal.id}`} variant="outlined" size="small" startIcon={<RequestQuoteOutlinedIcon />} sx={{ alignSelf: 'flex-start' }} data-testid="deal-new-quote">
          {t('salesDocs.newQuoteFor')}
        </Button>
      )}
      <StageHistorySection deal={deal} />
      <DetailsSection createdAt={deal.createdAt} items={[]} />
    </>
  );

  return (
    <RecordPageLayout
      resource="deals"
      record={deal}
      name={deal.title}
      canRestore={canDelete}
      header={header}
      side={side}
      timeline={<Timeline entityType="deal" id={deal.id} formatValue={dealValueText} names={Object.fromEntries([...deal.people.map((p) => [p.id, p.name]), ...(deal.organization ? [[deal.organization.id, deal.organization.name]] : [])])} />}
    />
  );
}

/** The pipeline's stages in order; the deal's is marked, and clicking another moves the deal there. */
function StageStepper({ deal, canMove }: { deal: Deal; canMove: boolean }) {
  const { t, locale } = useT();
  const format = useFormat();
  const pipelines = usePipelines(true);
  const mover = useStageMover(null);
  const pipeline = pipelines.data?.find((p) => p.id === deal.pipelineId);
  const stages = activeStages(pipeline);
  if (!stages.some((s) => s.id === deal.stageId) && pipeline) {
    const current = pipeline.stages.find((s) => s.id === deal.stageId);
    if (current) stages.push(current);
  }
  const currentIndex = stages.findIndex((s) => s.id === deal.stageId);
  const open = stages.filter((s) => s.kind === 'open');
  const reached = (s: Stage) => s.kind === 'open' && deal.status === 'open' && open.indexOf(s) <= open.findIndex((x) => x.id === deal.stageId);

  if (!stages.length) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Box component="ol" aria-label={t('deals.stepperLabel')} data-testid="stage-stepper" sx={{ display: 'flex', gap: 0.5, listStyle: 'none', m: 0, p: 0, overflowX: 'auto', pb: 0.5 }}>
        {stages.map((stage, index) => {
          const current = index === currentIndex;
          const color = stageKindColor(stage.kind);
          const filled = current || reached(stage);
          return (
            <Box component="li" key={stage.id} sx={{ flex: '1 0 auto', minWidth: 96 }}>
              <ButtonBase
                disabled={!canMove || current || mover.pending}
                onClick={() => mover.request({ deal, stage, withVersion: true })}
                aria-current={current ? 'step' : undefined}
                aria-label={current ? stage.name : t('deals.moveToStage', { stage: stage.name })}
                data-testid="stage-step"
                data-stage-id={stage.id}
                data-current={current ? 'true' : undefined}
                sx={(theme) => ({
                  width: '100%',
                  display: 'block',
                  textAlign: 'center',
                  px: 1,
                  py: 0.75,
                  borderRadius: 1,
                  typography: 'body2',
                  fontWeight: current ? 700 : 500,
                  color: filled ? theme.palette[color].contrastText : theme.palette.text.primary,
                  bgcolor: filled ? theme.palette[color].main : alpha(theme.palette[color].main, 0.08),
                  // An arrow-like step, pointing the way the page reads.
                  clipPath: locale === 'fa' ? 'polygon(8px 0, 100% 0, 100% 100%, 8px 100%, 0 50%)' : 'polygon(0 0, calc(100% - 8px) 0, 100% 50%, calc(100% - 8px) 100%, 0 100%)',
                  '&:hover': { bgcolor: filled ? theme.palette[color].dark : alpha(theme.palette[color].main, 0.18) },
                  '&.Mui-disabled': { color: filled ? theme.palette[color].contrastText : theme.palette.text.primary },
                })}
              >
                {stage.name}
                {stage.kind === 'open' && (
                  <Typography component="span" variant="caption" sx={{ display: 'block', opacity: 0.8 }}>
                    {t('deals.probabilityValue', { value: format.number(stage.probability) })}
                  </Typography>
                )}
              </ButtonBase>
            </Box>
          );
        })}
      </Box>
      {deal.status !== 'open' && deal.closedOn && (
        <Alert severity={deal.status === 'won' ? 'success' : 'warning'} sx={{ mt: 1.5 }} data-testid="deal-closed-banner">
          {t('deals.closedBanner', { date: format.date(deal.closedOn), status: t(`deals.status.${deal.status}`) })}
        </Alert>
      )}
      {mover.dialogs}
    </Box>
  );
}

type PersonLink = { personId: string; role: string | null; isPrimary: boolean };

/** The people on the deal with their roles; the whole list is saved on the deal. */
function DealPeopleSection({ deal, canEdit }: { deal: Deal; canEdit: boolean }) {
  const { t } = useT();
  const notify = useNotify();
  const update = useUpdateDeal();
  const [adding, setAdding] = useState(false);
  const current: PersonLink[] = deal.people.map((p) => ({ personId: p.id, role: p.role, isPrimary: p.isPrimary }));

  const save = async (people: PersonLink[]) => {
    try {
      await update.mutateAsync({ id: deal.id, patch: { version: deal.version, people } });
      notify({ key: 'common.saved' });
      return true;
    } catch {
      return false;
    }
  };

  const handleAdd = async (person: PickedRecord, role: string | null) => {
    const ok = await save([...current, { personId: person.id, role, isPrimary: current.length === 0 }]);
    if (ok) setAdding(false);
    return ok;
  };

  return (
    <Section
      title={t('deals.people')}
      testId="deal-people"
      action={
        canEdit ? (
          <Button size="small" startIcon={<PersonAddAltOutlinedIcon />} onClick={() => setAdding(true)} data-testid="deal-add-person">
            {t('deals.addPerson')}
          </Button>
        ) : undefined
      }
    >
      {deal.people.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('deals.noPeople')}
        </Typography>
      ) : (
        <Stack spacing={1.25}>
          {deal.people.map((p) => (
            <Box key={p.id} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid="deal-person-row">
              <Link component={RouterLink} to={`/people/${p.id}`} underline="none" color="inherit" sx={{ flex: 1, minWidth: 0 }}>
                <PersonCell name={p.name} subtitle={p.role ?? undefined} />
              </Link>
              {p.isPrimary && deal.people.length > 1 && <Chip size="small" variant="outlined" label={t('deals.primary')} />}
              {canEdit && <UnlinkButton label={t('deals.removePerson')} disabled={update.isPending} onClick={() => void save(current.filter((c) => c.personId !== p.id))} />}
            </Box>
          ))}
        </Stack>
      )}
      {!adding && update.error ? <SaveErrorAlert error={update.error} onReload={() => update.reset()} /> : null}
      <LinkRecordDialog
        open={adding}
        title={t('deals.addPerson')}
        kind="person"
        pickerLabel={t('deals.fields.person')}
        excludeIds={deal.people.map((p) => p.id)}
        pending={update.isPending}
        error={update.error}
        onDismissError={() => update.reset()}
        onClose={() => setAdding(false)}
        onSave={handleAdd}
        testId="deal-person"
      />
    </Section>
  );
}

/** Each stay in a stage: when it began and how long it lasted. */
function StageHistorySection({ deal }: { deal: Deal }) {
  const { t } = useT();
  const format = useFormat();
  const duration = useDuration();
  const history = useStageHistory(deal.id);
  return (
    <Section title={t('deals.history')} testId="deal-stage-history">
      {history.isPending ? (
        <LoadingState minHeight={60} />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('deals.noHistory')}
        </Typography>
      ) : (
        <Stack spacing={1}>
          {history.data.map((row, index) => (
            <Box key={`${row.stage.id}-${row.enteredAt}-${index}`} sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }} data-testid="stage-history-row">
              <Typography variant="body2" sx={{ fontWeight: 600, flex: '1 1 120px' }}>
                {row.stage.name}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {format.date(row.enteredAt, 'short')}
              </Typography>
              <Chip size="small" variant={row.leftAt ? 'outlined' : 'filled'} color={row.leftAt ? 'default' : 'primary'} label={row.leftAt ? duration(row.durationSeconds) : `${t('deals.inStage')} · ${duration(row.durationSeconds)}`} />
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}
