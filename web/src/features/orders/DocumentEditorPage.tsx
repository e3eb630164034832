import { useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintOutlinedIcon from '@mui/icons-material/PrintOutlined';
import { api, hasStatus, type Page } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RecordPicker, textOrNull, useDebounced, type PickedRecord } from '../../shared/records/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, DateInput, ErrorState, LoadingState, SaveErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { CURRENCIES, MoneyInput, useMoneySettings } from '../products/money.tsx';
import { usePriceLists } from '../products/products.api.ts';
import { DocumentStatusChip, useLinkedName } from './DocumentBits.tsx';
import { LineItemsEditor, TotalsBlock } from './LineItemsEditor.tsx';
import { emptyLine, lineDraftOf, lineForApi, lineIsValid, previewTotals, type LineDraft } from './line-drafts.ts';
import {
  DESTRUCTIVE_ACTIONS,
  RESOURCE_OF_KIND,
  actionsFor,
  documentNumber,
  linesEditable,
  useDocument,
  useDocumentAction,
  useSaveDocument,
  type DocumentAction,
  type DocumentInput,
  type DocumentKind,
  type Order,
  type Quote,
  type SalesDocument,
} from './documents.api.ts';

/** Today as YYYY-MM-DD in the browser's zone (the document's default date). */
const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

type Draft = {
  organization: PickedRecord | null;
  person: PickedRecord | null;
  deal: PickedRecord | null;
  title: string;
  /** Issue date (quote) or order date (order). */
  date: string | null;
  /** Valid until (quote) or due date (order). */
  until: string | null;
  currency: string;
  discount: string | null;
  notes: string;
  terms: string;
  lines: LineDraft[];
};

function draftOf(kind: DocumentKind, doc: SalesDocument | undefined, defaults: { currency: string; vatRate: string }): Draft {
  if (!doc) {
    return { organization: null, person: null, deal: null, title: '', date: todayIso(), until: null, currency: defaults.currency, discount: '', notes: '', terms: '', lines: [emptyLine(defaults.vatRate)] };
  }
  const quote = kind === 'quote' ? (doc as Quote) : null;
  const order = kind === 'order' ? (doc as Order) : null;
  return {
    organization: doc.organizationId ? { id: doc.organizationId, title: doc.organization?.name ?? '' } : null,
    person: doc.personId ? { id: doc.personId, title: doc.person?.name ?? '' } : null,
    deal: doc.dealId ? { id: doc.dealId, title: doc.deal?.title ?? '' } : null,
    title: doc.title ?? '',
    date: quote?.issueDate ?? order?.orderDate ?? null,
    until: quote?.validUntil ?? order?.dueDate ?? null,
    currency: doc.currency,
    discount: doc.discountAmount === '0.00' || doc.discountAmount === '0' ? '' : doc.discountAmount,
    notes: doc.notes ?? '',
    terms: quote?.terms ?? '',
    lines: doc.lines.map(lineDraftOf),
  };
}

function inputOf(kind: DocumentKind, d: Draft): DocumentInput {
  const common = {
    organizationId: d.organization?.id ?? null,
    personId: d.person?.id ?? null,
    dealId: d.deal?.id ?? null,
    currency: d.currency,
    discountAmount: d.discount || '0',
    notes: textOrNull(d.notes),
    lines: d.lines.filter((l) => l.description.trim() || l.product).map(lineForApi),
  };
  return kind === 'quote'
    ? { ...common, title: textOrNull(d.title), issueDate: d.date ?? todayIso(), validUntil: d.until, terms: textOrNull(d.terms) }
    : { ...common, orderDate: d.date ?? todayIso(), dueDate: d.until };
}

/** Only what changed: a sent quote's or a confirmed order's notes can change without touching its locked lines. */
function patchOf(before: DocumentInput, after: DocumentInput): Partial<DocumentInput> {
  const changed = Object.entries(after).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof DocumentInput]));
  return Object.fromEntries(changed) as Partial<DocumentInput>;
}

export function DocumentEditorPage({ kind }: { kind: DocumentKind }) {
  const { id } = useParams();
  const query = useDocument<SalesDocument>(kind, id);
  if (id && query.isPending) return <LoadingState />;
  if (id && query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <DocumentEditor key={`${id ?? 'new'}`} kind={kind} doc={query.data} onReload={() => void query.refetch()} />;
}

function DocumentEditor({ kind, doc, onReload }: { kind: DocumentKind; doc: SalesDocument | undefined; onReload: () => void }) {
  const { t, locale } = useT();
  const format = useFormat();
  const me = useSession();
  const notify = useNotify();
  const navigate = useNavigate();
  const settings = useMoneySettings();
  const save = useSaveDocument<SalesDocument>(kind);
  const base = useMemo(() => draftOf(kind, doc, { currency: settings.defaultCurrency, vatRate: settings.vatRate }), [kind, doc, settings.defaultCurrency, settings.vatRate]);
  const [draft, setDraft] = useState<Draft>(base);
  const [submitted, setSubmitted] = useState(false);
  // Prices products are picked at; a working choice, not stored on the document.
  const [priceListId, setPriceListId] = useState('');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // A freshly loaded version (after a save, an action or a reload) replaces the draft.
  useEffect(() => setDraft(base), [base]);

  useLinkedRecords(doc, base, draft, setDraft);

  const isDraft = !doc || linesEditable(kind, doc.status);
  const canWrite = can(me, 'records.write') && !doc?.deletedAt;
  const readOnly = !canWrite || !isDraft;
  const totals = previewTotals(draft.lines, draft.discount, draft.currency);
  const dirty = JSON.stringify(inputOf(kind, draft)) !== JSON.stringify(inputOf(kind, base));
  const number = doc ? documentNumber(kind, doc.number) : '';
  const listPath = `/${RESOURCE_OF_KIND[kind]}`;

  const customerMissing = !draft.organization && !draft.person;
  const noLines = !draft.lines.some((l) => l.description.trim());
  const badNumbers = !draft.lines.every(lineIsValid) || draft.discount === null;
  const clientProblem = customerMissing ? t('salesDocs.customerRequired') : noLines ? t('salesDocs.linesRequired') : badNumbers ? t('salesDocs.invalidLines') : null;

  const handleSave = () => {
    setSubmitted(true);
    if (clientProblem) return;
    save.mutate(
      { id: doc?.id, input: doc ? patchOf(inputOf(kind, base), inputOf(kind, draft)) : inputOf(kind, draft), version: doc?.version },
      {
        onSuccess: (saved) => {
          notify({ key: doc ? 'salesDocs.saved' : 'salesDocs.created', vars: { number: format.digits(documentNumber(kind, saved.number)) } });
          if (!doc) void navigate(`${listPath}/${saved.id}`, { replace: true });
        },
      },
    );
  };

  const reloadLatest = () => {
    save.reset();
    onReload();
  };

  const dateLabel = kind === 'quote' ? t('quotes.issueDate') : t('orders.orderDate');
  const untilLabel = kind === 'quote' ? t('quotes.validUntil') : t('orders.dueDate');
  const title = doc ? `${t(kind === 'quote' ? 'print.quoteTitle' : 'print.orderTitle')} ${format.digits(number)}` : t(kind === 'quote' ? 'quotes.newTitle' : 'orders.newTitle');

  return (
    <Box data-testid={`${kind}-editor`} sx={{ pb: 4 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Button component={RouterLink} to={listPath} size="small" startIcon={<ArrowBackIcon sx={{ transform: locale === 'fa' ? 'scaleX(-1)' : undefined }} />}>
          {t('salesDocs.back')}
        </Button>
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5, mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }} data-testid="document-title">
          {title}
        </Typography>
        {doc && <DocumentStatusChip kind={kind} status={doc.status} />}
        {doc && 'quoteId' in doc && doc.quoteId && (
          <Link component={RouterLink} to={`/quotes/${doc.quoteId}`} variant="body2">
            {t('salesDocs.openQuote')}
          </Link>
        )}
        {doc && 'orderId' in doc && doc.orderId && (
          <Link component={RouterLink} to={`/orders/${doc.orderId}`} variant="body2" data-testid="quote-order-link">
            {t('salesDocs.openOrder')}
          </Link>
        )}
        <Box sx={{ flex: 1 }} />
        {doc && (
          <Button component="a" href={`/print/${RESOURCE_OF_KIND[kind]}/${doc.id}`} target="_blank" rel="noopener" variant="outlined" startIcon={<PrintOutlinedIcon />} data-testid="document-print">
            {t('salesDocs.print')}
          </Button>
        )}
        {doc && canWrite && <StatusActions kind={kind} doc={doc} disabled={dirty} />}
      </Box>

      <SaveErrorAlert error={save.error} onReload={reloadLatest} />
      {hasStatus(save.error, 409) && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: -1, mb: 2 }}>
          {t('salesDocs.conflict')}
        </Typography>
      )}
      {doc && !isDraft && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="document-readonly">
          {t('salesDocs.readOnly')}
        </Alert>
      )}
      {submitted && clientProblem && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="document-client-error">
          {clientProblem}
        </Alert>
      )}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 340px' }, gap: 2, alignItems: 'start' }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
          <Card>
            <CardContent sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
              <RecordPicker kind="organization" value={draft.organization} onChange={(v) => set('organization', v)} label={t('salesDocs.organization')} testId="document-organization" error={submitted && customerMissing} />
              <RecordPicker kind="person" value={draft.person} onChange={(v) => set('person', v)} label={t('salesDocs.person')} testId="document-person" error={submitted && customerMissing} />
              <DealPicker value={draft.deal} onChange={(v) => set('deal', v)} organizationId={draft.organization?.id ?? null} disabled={readOnly} />
              {kind === 'quote' && (
                <TextField size="small" label={t('salesDocs.title')} value={draft.title} onChange={(e) => set('title', e.target.value)} disabled={readOnly} slotProps={{ htmlInput: { 'data-testid': 'document-title-input' } }} />
              )}
              <DateInput size="small" label={dateLabel} value={draft.date} onChange={(v) => set('date', v)} disabled={readOnly} testId="document-date" />
              <DateInput size="small" label={untilLabel} value={draft.until} onChange={(v) => set('until', v)} disabled={readOnly} testId="document-until" />
              {!readOnly && <PriceListSelect value={priceListId} onChange={setPriceListId} currency={draft.currency} />}
              <TextField select size="small" label={t('salesDocs.currency')} value={draft.currency} onChange={(e) => set('currency', e.target.value)} disabled={readOnly || Boolean(doc)} slotProps={{ htmlInput: { 'data-testid': 'document-currency' } }}>
                {[...new Set([settings.defaultCurrency, ...CURRENCIES, draft.currency])].map((c) => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </TextField>
            </CardContent>
          </Card>
          <Card>
            <CardContent>
              <Typography variant="subtitle1" component="h2" sx={{ mb: 1.5 }}>
                {t('salesDocs.lines')}
              </Typography>
              <LineItemsEditor
                lines={draft.lines}
                onChange={(change) => setDraft((d) => ({ ...d, lines: change(d.lines) }))}
                currency={draft.currency}
                vatRate={settings.vatRate}
                readOnly={readOnly}
                priceListId={priceListId || null}
              />
            </CardContent>
          </Card>
          <Card>
            <CardContent sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: kind === 'quote' ? '1fr 1fr' : '1fr' }, gap: 2 }}>
              <TextField size="small" multiline minRows={2} label={t('salesDocs.notes')} value={draft.notes} onChange={(e) => set('notes', e.target.value)} disabled={!canWrite} slotProps={{ htmlInput: { 'data-testid': 'document-notes' } }} />
              {kind === 'quote' && <TextField size="small" multiline minRows={2} label={t('salesDocs.terms')} value={draft.terms} onChange={(e) => set('terms', e.target.value)} disabled={readOnly} />}
            </CardContent>
          </Card>
        </Box>
        <Card sx={{ position: { lg: 'sticky' }, top: { lg: 80 } }}>
          <CardContent>
            <TotalsBlock
              totals={totals}
              currency={draft.currency}
              discountInput={
                <MoneyInput label={t('salesDocs.documentDiscount')} value={draft.discount ?? ''} currency={draft.currency} onChange={(v) => set('discount', v)} disabled={readOnly} testId="document-discount" fullWidth />
              }
            />
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
              {t('salesDocs.totalsPreview')}
            </Typography>
            {canWrite && (
              <Button fullWidth variant="contained" sx={{ mt: 2 }} onClick={handleSave} loading={save.isPending} disabled={Boolean(doc) && !dirty} data-testid="document-save">
                {t('salesDocs.save')}
              </Button>
            )}
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
}

/**
 * Fills the customer and deal pickers: from the URL of «New quote» on a customer's or a deal's
 * page, and with the names of records a document links by id only.
 */
function useLinkedRecords(doc: SalesDocument | undefined, base: Draft, draft: Draft, setDraft: Dispatch<SetStateAction<Draft>>) {
  // «New quote» from a customer's page: the customer is chosen already.
  const [params] = useSearchParams();
  const orgParam = params.get('organizationId');
  const personParam = params.get('personId');
  const orgName = useLinkedName('organization', doc ? null : orgParam, null);
  const personName = useLinkedName('person', doc ? null : personParam, null);
  useEffect(() => {
    if (orgParam && orgName) setDraft((d) => (d.organization ? d : { ...d, organization: { id: orgParam, title: orgName } }));
  }, [orgParam, orgName]);
  useEffect(() => {
    if (personParam && personName) setDraft((d) => (d.person ? d : { ...d, person: { id: personParam, title: personName } }));
  }, [personParam, personName]);
  // «New quote» from a deal: the deal (and its organisation) come along.
  const dealParam = doc ? null : params.get('dealId');
  const dealFromUrl = useQuery({
    queryKey: ['records', 'deals', 'for-document', dealParam],
    queryFn: () => api.get<DealOption>(`/api/v1/deals/${encodeURIComponent(dealParam!)}`),
    enabled: Boolean(dealParam),
    retry: false,
  });
  useEffect(() => {
    const deal = dealFromUrl.data;
    if (!deal) return;
    setDraft((d) => ({
      ...d,
      deal: d.deal ?? { id: deal.id, title: deal.title },
      organization: d.organization ?? (deal.organization ? { id: deal.organization.id, title: deal.organization.name } : null),
    }));
  }, [dealFromUrl.data]);
  // Names of linked records when the document carries only ids.
  const linkedOrg = useLinkedName('organization', draft.organization && !draft.organization.title ? draft.organization.id : null, null);
  const linkedPerson = useLinkedName('person', draft.person && !draft.person.title ? draft.person.id : null, null);
  const linkedDeal = useLinkedName('deal', draft.deal && !draft.deal.title ? draft.deal.id : null, null);
  useEffect(() => {
    if (linkedDeal) setDraft((d) => (d.deal && !d.deal.title ? { ...d, deal: { ...d.deal, title: linkedDeal } } : d));
  }, [linkedDeal, base]);
  useEffect(() => {
    if (linkedOrg) setDraft((d) => (d.organization && !d.organization.title ? { ...d, organization: { ...d.organization, title: linkedOrg } } : d));
  }, [linkedOrg, base]);
  useEffect(() => {
    if (linkedPerson) setDraft((d) => (d.person && !d.person.title ? { ...d, person: { ...d.person, title: linkedPerson } } : d));
  }, [linkedPerson, base]);
}

/** Send, accept, reject, convert (quotes); confirm, invoice, mark paid, cancel (orders) — each confirmed first. */
function StatusActions({ kind, doc, disabled }: { kind: DocumentKind; doc: SalesDocument; disabled: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const notify = useNotify();
  const navigate = useNavigate();
  const run = useDocumentAction(kind);
  const [asking, setAsking] = useState<DocumentAction | null>(null);
  const actions = actionsFor(kind, doc);
  if (!actions?.length) return null;
  const number = format.digits(documentNumber(kind, doc.number));

  const confirm = () => {
    if (!asking) return;
    const action = asking;
    run.mutate(
      { doc, action },
      {
        onSuccess: (result) => {
          setAsking(null);
          notify({ key: 'salesDocs.actionDone', vars: { number, action: t(`salesDocs.actions.${action}`) } });
          if (result.kind !== kind) void navigate(`/${RESOURCE_OF_KIND[result.kind]}/${result.doc.id}`);
        },
      },
    );
  };

  return (
    <>
      {actions.map((action) => (
        <Button
          key={action}
          variant={action === 'order' || action === 'confirm' || action === 'invoice' || action === 'pay' || action === 'send' ? 'contained' : 'outlined'}
          color={DESTRUCTIVE_ACTIONS.includes(action) ? 'error' : action === 'order' ? 'secondary' : 'primary'}
          disabled={disabled}
          onClick={() => setAsking(action)}
          data-testid={`document-action-${action}`}
        >
          {t(`salesDocs.actions.${action}`)}
        </Button>
      ))}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? t('salesDocs.confirmTitle', { action: t(`salesDocs.actions.${asking}`), number }) : ''}
        body={asking ? t(`salesDocs.actionBodies.${asking}`) : ''}
        confirmLabel={asking ? t(`salesDocs.actions.${asking}`) : ''}
        destructive={asking !== null && DESTRUCTIVE_ACTIONS.includes(asking)}
        pending={run.isPending}
        error={run.error}
        onConfirm={confirm}
        onClose={() => {
          setAsking(null);
          run.reset();
        }}
      />
    </>
  );
}

type DealOption = { id: string; title: string; organization?: { id: string; name: string } | null };

/** A deal of the chosen organisation (or any deal), by title. */
function DealPicker({ value, onChange, organizationId, disabled }: { value: PickedRecord | null; onChange: (v: PickedRecord | null) => void; organizationId: string | null; disabled?: boolean }) {
  const { t } = useT();
  const [input, setInput] = useState('');
  const q = useDebounced(input, 250);
  const deals = useQuery({
    queryKey: ['records', 'deals', 'picker', q, organizationId],
    queryFn: async ({ signal }) => {
      const page = await api.get<Page<DealOption>>('/api/v1/deals', { q: q && q !== value?.title ? q : undefined, organizationId: organizationId ?? undefined, limit: 10 }, signal);
      return page.items.map<PickedRecord>((d) => ({ id: d.id, title: d.title, subtitle: d.organization?.name ?? null }));
    },
    retry: false,
    staleTime: 10_000,
  });
  return (
    <Autocomplete
      size="small"
      options={deals.data ?? []}
      value={value}
      disabled={disabled}
      onChange={(_, next) => onChange(next)}
      inputValue={input}
      onInputChange={(_, next) => setInput(next)}
      filterOptions={(x) => x}
      loading={deals.isFetching}
      getOptionLabel={(o) => o.title || o.id.slice(0, 8)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('records.noResults')}
      renderInput={(params) => <TextField {...params} label={t('salesDocs.deal')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'document-deal' } }} />}
    />
  );
}

/** The price list products are priced from when picked (lists in the document's currency). */
function PriceListSelect({ value, onChange, currency }: { value: string; onChange: (id: string) => void; currency: string }) {
  const { t } = useT();
  const lists = usePriceLists();
  const usable = (lists.data ?? []).filter((l) => l.currency === currency);
  if (!usable.length) return null;
  return (
    <TextField
      select
      size="small"
      label={t('salesDocs.priceList')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'document-price-list' } }}
    >
      <MenuItem value="">{t('salesDocs.listPrices')}</MenuItem>
      {usable.map((l) => (
        <MenuItem key={l.id} value={l.id}>
          {l.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
