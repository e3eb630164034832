import { useState, type ReactNode } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../shared/api/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useDebounced, type Organization } from '../../shared/records/index.ts';
import { ConfirmDialog, FormErrorAlert, errorMessage, useNotify } from '../../shared/ui/index.ts';
import type { Stage } from '../pipelines/pipelines.api.ts';
import { useLostReasons, useMoveDeal, type BoardFilter, type Deal, type MoveRequest } from './deals.api.ts';

/*
 * Moving a deal to another stage, from the board (drag, or the card's menu) or the deal page
 * (the stage stepper): a lost stage first asks why, a won stage asks to confirm.
 */

export type MoveIntent = { deal: Deal; stage: Stage; position?: Pick<MoveRequest, 'beforeId' | 'afterId'>; withVersion?: boolean };

export function useStageMover(filter: BoardFilter | null) {
  const { t } = useT();
  const notify = useNotify();
  const move = useMoveDeal(filter);
  const [asking, setAsking] = useState<MoveIntent | null>(null);

  const run = (intent: MoveIntent, extra: Partial<MoveRequest> = {}, onDone?: () => void) => {
    const { deal, stage } = intent;
    move.mutate(
      { dealId: deal.id, request: { stageId: stage.id, ...intent.position, ...(intent.withVersion ? { version: deal.version } : {}), ...extra } },
      {
        onSuccess: () => {
          onDone?.();
          if (stage.kind === 'won') notify({ key: 'deals.wonToast', vars: { name: deal.title } });
          else if (stage.kind === 'lost') notify({ key: 'deals.lostToast', vars: { name: deal.title } }, 'info');
          else if (stage.id !== deal.stageId) notify({ key: 'deals.moved', vars: { name: deal.title, stage: stage.name } });
        },
        onError: (error) => {
          if (!onDone) notify({ key: 'deals.moveFailed', vars: { reason: errorMessage(error, t('errors.unknown')) } }, 'error');
        },
      },
    );
  };

  /** Moves at once into an open stage; won and lost stages ask first. */
  const request = (intent: MoveIntent) => {
    const changesOutcome = intent.stage.id !== intent.deal.stageId && intent.stage.kind !== 'open';
    if (changesOutcome) {
      move.reset();
      setAsking(intent);
    } else run(intent);
  };

  const close = () => {
    if (!move.isPending) setAsking(null);
  };

  let dialogs: ReactNode = null;
  if (asking?.stage.kind === 'lost')
    dialogs = <LostDialog intent={asking} pending={move.isPending} error={move.error} onClose={close} onSubmit={(extra) => run(asking, extra, () => setAsking(null))} />;
  else if (asking?.stage.kind === 'won')
    dialogs = (
      <ConfirmDialog
        open
        destructive={false}
        title={t('deals.wonTitle')}
        body={t('deals.wonBody', { name: asking.deal.title, stage: asking.stage.name })}
        confirmLabel={t('deals.wonConfirm')}
        pending={move.isPending}
        error={move.error}
        onClose={close}
        onConfirm={() => run(asking, {}, () => setAsking(null))}
      />
    );

  return { request, dialogs, pending: move.isPending };
}

type LostProps = {
  intent: MoveIntent;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (extra: Pick<MoveRequest, 'lostReasonId' | 'lostNote' | 'competitorId'>) => void;
};

function LostDialog({ intent, pending, error, onClose, onSubmit }: LostProps) {
  const { t, locale } = useT();
  const reasons = useLostReasons();
  const [reasonId, setReasonId] = useState('');
  const [note, setNote] = useState('');
  const [competitor, setCompetitor] = useState<{ id: string; name: string } | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const missing = submitted && !reasonId;

  const handleSubmit = () => {
    setSubmitted(true);
    if (!reasonId) return;
    onSubmit({ lostReasonId: reasonId, lostNote: note.trim() || null, competitorId: competitor?.id ?? null });
  };

  return (
    <Dialog open onClose={pending ? undefined : onClose} maxWidth="xs" fullWidth data-testid="lost-dialog">
      <DialogTitle>{t('deals.lostTitle')}</DialogTitle>
      <DialogContent>
        <FormErrorAlert error={error} />
        <DialogContentText sx={{ mb: 2 }}>{t('deals.lostBody', { name: intent.deal.title })}</DialogContentText>
        <Stack spacing={2}>
          <TextField
            select
            required
            size="small"
            label={t('deals.lostReason')}
            value={reasonId}
            onChange={(e) => setReasonId(e.target.value)}
            error={missing}
            helperText={missing ? t('deals.lostReasonRequired') : undefined}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'lost-reason' } as object } }}
          >
            {(reasons.data ?? []).map((r) => (
              <MenuItem key={r.id} value={r.id} data-testid="lost-reason-option">
                {locale === 'fa' ? r.labelFa : r.labelEn}
              </MenuItem>
            ))}
          </TextField>
          <CompetitorPicker value={competitor} onChange={setCompetitor} />
          <TextField size="small" multiline minRows={2} label={t('deals.lostNote')} value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'lost-note' } }} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" color="error" loading={pending} onClick={handleSubmit} data-testid="lost-submit">
          {t('deals.lostConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const COMPETITORS = JSON.stringify({ op: 'and', conditions: [{ field: 'type', op: 'in', value: ['competitor'] }] });

/** Organisations of type competitor, searched as the user types. */
export function CompetitorPicker({ value, onChange }: { value: { id: string; name: string } | null; onChange: (value: { id: string; name: string } | null) => void }) {
  const { t } = useT();
  const [input, setInput] = useState('');
  const q = useDebounced(input, 250);
  const results = useQuery({
    queryKey: ['records', 'organizations', 'competitors', q],
    queryFn: ({ signal }) =>
      api.get<Page<Organization>>('/api/v1/organizations', { q: q || undefined, filter: COMPETITORS, limit: 20 }, signal).then((p) => p.items.map((o) => ({ id: o.id, name: o.name }))),
    staleTime: 10_000,
  });
  return (
    <Autocomplete
      size="small"
      options={results.data ?? []}
      value={value}
      onChange={(_, next) => onChange(next)}
      inputValue={input}
      onInputChange={(_, next) => setInput(next)}
      filterOptions={(x) => x}
      loading={results.isFetching}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('records.noResults')}
      loadingText={t('common.loading')}
      renderInput={(params) => (
        <TextField {...params} label={t('deals.competitor')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'lost-competitor' } }} />
      )}
    />
  );
}
