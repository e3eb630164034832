import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../shared/i18n/index.ts';
import { QuickCreateDialog, useQuickCreate } from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { DealFormFields, dealClientError, dealCreateBody, emptyDealDraft, type DealDraft, type DealPreset } from './DealForm.tsx';
import { useMoneySettings, type Deal } from './deals.api.ts';

/** Deals have no duplicate check: two deals with one customer are normal. */
const noProbe = () => null;

type Props = { open: boolean; onClose: () => void; preset?: DealPreset };

/** A new deal from the board, the list, or a person's or organisation's page (which preset themselves). */
export function QuickCreateDealDialog({ open, onClose, preset }: Props) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const money = useMoneySettings();
  const handleClose = () => {
    // The board, the "deals of" lists and the customers' timelines are not under the records key the create invalidates.
    void queryClient.invalidateQueries({ queryKey: ['deals-board'] });
    void queryClient.invalidateQueries({ queryKey: ['deals-of'] });
    void queryClient.invalidateQueries({ queryKey: ['timeline'] });
    onClose();
  };
  const quick = useQuickCreate<Deal, DealDraft>({
    resource: 'deals',
    open,
    emptyDraft: (ownerId) => emptyDealDraft(ownerId, money.defaultCurrency, preset),
    probeOf: noProbe,
    onClose: handleClose,
  });
  const { draft, setDraft } = quick;
  const me = useSession();

  // Opened from another pipeline or record than last time: start from what that place presets.
  const presetKey = JSON.stringify(preset ?? {});
  useEffect(() => {
    if (open) setDraft(emptyDealDraft(me.user.id, money.defaultCurrency, preset));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, presetKey, money.defaultCurrency]);

  const handleSubmit = () => {
    quick.setSubmitted(true);
    if (dealClientError(draft, t)) return;
    quick.submit(dealCreateBody(draft, quick.customFields, money.moneyDisplay), (d) => d.title);
  };

  return (
    <QuickCreateDialog open={open} title={t('deals.quickCreateTitle')} error={quick.create.error} duplicates={[]} pending={quick.create.isPending} onClose={quick.close} onSubmit={handleSubmit}>
      <DealFormFields draft={draft} onChange={quick.setDraft} error={quick.create.error} submitted={quick.submitted} customFields={quick.customFields} mode="quick" />
    </QuickCreateDialog>
  );
}
