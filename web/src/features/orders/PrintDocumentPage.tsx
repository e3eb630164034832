import { Fragment, useEffect, useMemo } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { numberToWords } from '@persian-tools/persian-tools';
import { divide, type MoneyDisplay } from '#common/money/index.ts';
import { toPersianDigits } from '#common/text/index.ts';
import { api } from '../../shared/api/index.ts';
import { i18next, isUiLocale, useT, type TKey, type TVars, type UiLocale } from '../../shared/i18n/index.ts';
import { ErrorState, LoadingState } from '../../shared/ui/index.ts';
import { useMoneySettings } from '../products/money.tsx';
import { RESOURCE_OF_KIND, type DocumentKind, type SalesDocument } from './documents.api.ts';

/** The display strings the server builds for a printable page (GET /quotes/:id?lang=). */
type PrintBlock = {
  lang: UiLocale;
  direction: 'rtl' | 'ltr';
  title: string;
  number: string;
  labels: Record<string, string>;
  dates: Array<{ label: string; value: string }>;
  seller: { name: string };
  buyer: { name: string; nationalId: string | null; economicCode: string | null; address: string | null; phone: string | null } | null;
  lines: Array<{ row: string; description: string; quantity: string; unitPrice: string; discount: string; net: string; tax: string; total: string }>;
  totals: Array<{ label: string; value: string }>;
  status: string;
  notes: string | null;
  terms: string | null;
};

type Printable = SalesDocument & { print?: PrintBlock };

/** /print/quotes/:id and /print/orders/:id — an A4 page in fa (RTL, Jalali, Persian digits) or en (?lang=en). */
export function PrintDocumentPage({ kind }: { kind: DocumentKind }) {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { locale: uiLocale } = useT();
  const requested = params.get('lang');
  const lang: UiLocale = isUiLocale(requested) ? requested : uiLocale;
  const query = useQuery({
    queryKey: ['sales-documents', kind, 'print', id, lang],
    queryFn: ({ signal }) => api.get<Printable>(`/api/v1/${RESOURCE_OF_KIND[kind]}/${encodeURIComponent(id!)}`, { lang }, signal),
    enabled: Boolean(id),
  });
  if (query.isPending) return <LoadingState />;
  if (query.isError || !query.data.print) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <PrintSheet kind={kind} doc={query.data} print={query.data.print} lang={lang} />;
}

function PrintSheet({ kind, doc, print, lang }: { kind: DocumentKind; doc: SalesDocument; print: PrintBlock; lang: UiLocale }) {
  const settings = useMoneySettings();
  const t = useMemo(() => {
    const fixed = i18next.getFixedT(lang);
    return (key: TKey, vars?: TVars) => fixed(key, vars) as string;
  }, [lang]);
  const label = (key: string) => print.labels[key] ?? key;
  const heading = `${print.title} ${print.number}`;

  useEffect(() => {
    const before = document.title;
    document.title = heading;
    return () => {
      document.title = before;
    };
  }, [heading]);

  const totalWords = lang === 'fa' ? wordsOf(doc.total, doc.currency, settings.moneyDisplay) : null;
  const buyer = print.buyer;
  const extraContact = doc.organization && doc.person ? doc.person.name : null;

  return (
    <div className="print-root" dir={print.direction} lang={lang} data-testid="print-page">
      <style>{PRINT_CSS}</style>
      <div className="toolbar no-print">
        <RouterLink to={`/${RESOURCE_OF_KIND[kind]}/${doc.id}`} className="tool-link">
          {t('print.back')}
        </RouterLink>
        <button type="button" className="tool-button" onClick={() => window.print()} data-testid="print-button">
          {t('print.print')}
        </button>
      </div>
      <article className="sheet">
        <header className="head">
          <div>
            <h1 data-testid="print-title">{print.title}</h1>
            <div className="muted">{print.status}</div>
          </div>
          <dl className="meta">
            <dt>{label('number')}</dt>
            <dd data-testid="print-number">
              <bdi dir="ltr">{print.number}</bdi>
            </dd>
            {print.dates.map((d, index) => (
              <Fragment key={d.label + index}>
                <dt>{d.label}</dt>
                <dd data-testid={index === 0 ? 'print-date' : undefined}>{d.value}</dd>
              </Fragment>
            ))}
          </dl>
        </header>

        <section className="parties">
          <div className="party" data-testid="print-seller">
            <div className="party-label">{label('seller')}</div>
            <div className="party-name">{print.seller.name}</div>
          </div>
          <div className="party" data-testid="print-buyer">
            <div className="party-label">{label('buyer')}</div>
            <div className="party-name">{buyer?.name ?? '—'}</div>
            {extraContact && <div>{extraContact}</div>}
            <dl>
              {buyer?.nationalId && <Pair term={label('nationalId')} value={buyer.nationalId} ltr lang={lang} />}
              {buyer?.economicCode && <Pair term={label('economicCode')} value={buyer.economicCode} ltr lang={lang} />}
              {buyer?.phone && <Pair term={label('phone')} value={buyer.phone.replace(/^\+98/, '0')} ltr lang={lang} />}
              {buyer?.address && <Pair term={label('address')} value={buyer.address} lang={lang} />}
            </dl>
          </div>
        </section>

        <div className="lines-wrap">
          <table className="lines" data-testid="print-lines">
            <thead>
              <tr>
                <th className="num">{label('row')}</th>
                <th className="desc">{label('description')}</th>
                <th className="num">{label('quantity')}</th>
                <th className="num">{label('unitPrice')}</th>
                <th className="num">{label('discount')}</th>
                <th className="num">{label('net')}</th>
                <th className="num">{label('tax')}</th>
                <th className="num">{label('total')}</th>
              </tr>
            </thead>
            <tbody>
              {print.lines.map((line) => (
                <tr key={line.row} data-testid="print-line">
                  <td className="num">{line.row}</td>
                  <td className="desc">{line.description}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{line.unitPrice}</td>
                  <td className="num">{line.discount}</td>
                  <td className="num">{line.net}</td>
                  <td className="num">{line.tax}</td>
                  <td className="num">{line.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <section className="bottom">
          <div className="notes">
            {print.notes && (
              <>
                <h2>{label('notes')}</h2>
                <p>{print.notes}</p>
              </>
            )}
            {print.terms && (
              <>
                <h2>{label('terms')}</h2>
                <p>{print.terms}</p>
              </>
            )}
          </div>
          <table className="totals" data-testid="print-totals">
            <tbody>
              {print.totals.map((row, index) => (
                <tr key={row.label} className={index === print.totals.length - 1 ? 'grand' : undefined} data-testid={index === print.totals.length - 1 ? 'print-total' : 'print-total-row'}>
                  <th>{row.label}</th>
                  <td>{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {totalWords && (
          <p className="words" data-testid="print-total-words">
            {t('print.inWords')} {totalWords}
          </p>
        )}

        <footer className="signatures">
          <div>{t('print.sellerSignature')}</div>
          <div>{t('print.buyerSignature')}</div>
        </footer>
      </article>
    </div>
  );
}

function Pair({ term, value, ltr, lang }: { term: string; value: string; ltr?: boolean; lang: UiLocale }) {
  const shown = lang === 'fa' ? toPersianDigits(value) : value;
  return (
    <>
      <dt>{term}</dt>
      <dd>{ltr ? <bdi dir="ltr">{shown}</bdi> : shown}</dd>
    </>
  );
}

/** «یک میلیون و دویست هزار تومان» for whole rials/tomans; null when words would not help. */
function wordsOf(total: string, currency: string, display: MoneyDisplay): string | null {
  if (currency !== 'IRR') return null;
  const asToman = display === 'toman';
  const value = asToman ? divide(total, '10', 0) : divide(total, '1', 0);
  if (value.startsWith('-') || value.length > 15) return null;
  try {
    const words = numberToWords(Number(value));
    return typeof words === 'string' && words ? `${words} ${asToman ? 'تومان' : 'ریال'}` : null;
  } catch {
    return null;
  }
}

/*
 * Plain CSS with logical properties, so `dir` on the root lays the page out right-to-left or
 * left-to-right whatever the app's own direction is. On paper: A4, no toolbar, no shadows.
 */
const PRINT_CSS = `
.print-root { min-height: 100vh; background: #eef0f3; padding: 16px 8px 32px; font-family: Vazirmatn, system-ui, Tahoma, sans-serif; color: #1b1f24; }
.print-root .toolbar { max-width: 210mm; margin: 0 auto 12px; display: flex; gap: 8px; justify-content: flex-end; align-items: center; }
.print-root .tool-link { color: #1f5fa8; text-decoration: none; margin-inline-end: auto; font-size: 14px; }
.print-root .tool-button { font: inherit; font-size: 14px; padding: 6px 18px; border-radius: 8px; border: 0; background: #1f5fa8; color: white; cursor: pointer; }
.print-root .sheet { box-sizing: border-box; width: 100%; max-width: 210mm; min-height: 297mm; margin: 0 auto; padding: 14mm 12mm; background: white; box-shadow: 0 2px 12px rgba(0,0,0,.12); font-size: 12.5px; line-height: 1.7; }
.print-root h1 { margin: 0; font-size: 22px; }
.print-root h2 { margin: 0 0 4px; font-size: 13px; }
.print-root .muted { color: #5d6670; font-size: 11.5px; }
.print-root .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; border-bottom: 2px solid #1b1f24; padding-bottom: 10px; margin-bottom: 12px; }
.print-root .meta { display: grid; grid-template-columns: auto auto; column-gap: 12px; margin: 0; }
.print-root .meta dt { color: #5d6670; }
.print-root .meta dd { margin: 0; font-weight: 600; text-align: end; }
.print-root .parties { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-bottom: 14px; }
.print-root .party { border: 1px solid #c9cfd6; border-radius: 6px; padding: 8px 10px; }
.print-root .party-label { color: #5d6670; font-size: 11.5px; }
.print-root .party-name { font-weight: 700; font-size: 14px; }
.print-root .party dl { display: grid; grid-template-columns: auto 1fr; column-gap: 8px; margin: 4px 0 0; }
.print-root .party dt { color: #5d6670; }
.print-root .party dd { margin: 0; }
.print-root table { border-collapse: collapse; width: 100%; }
.print-root .lines-wrap { overflow-x: auto; }
.print-root .lines th, .print-root .lines td { border: 1px solid #c9cfd6; padding: 5px 6px; vertical-align: top; }
.print-root .lines th { background: #f1f3f5; font-weight: 600; font-size: 11.5px; }
.print-root .lines .num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
.print-root .lines th.num { text-align: center; }
.print-root .lines .desc { text-align: start; width: 45%; }
.print-root .bottom { display: grid; grid-template-columns: 1fr minmax(240px, 42%); gap: 16px; margin-top: 12px; align-items: start; }
.print-root .notes p { margin: 0 0 6px; white-space: pre-wrap; }
.print-root .totals th, .print-root .totals td { padding: 5px 8px; border-bottom: 1px solid #e1e5ea; }
.print-root .totals th { text-align: start; font-weight: 400; color: #3c444d; }
.print-root .totals td { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
.print-root .totals .grand th, .print-root .totals .grand td { font-weight: 700; font-size: 14px; border-top: 2px solid #1b1f24; border-bottom: 0; color: #1b1f24; }
.print-root .words { margin: 8px 0 0; color: #3c444d; }
.print-root .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 48px; }
.print-root .signatures div { border-top: 1px dashed #9aa3ad; padding-top: 6px; text-align: center; color: #5d6670; min-height: 60px; }
@page { size: A4; margin: 10mm; }
@media print {
  .print-root { background: white; padding: 0; min-height: auto; }
  .print-root .no-print { display: none !important; }
  .print-root .sheet { box-shadow: none; max-width: none; min-height: auto; padding: 0; }
  .print-root .lines tr { break-inside: avoid; }
}
@media (max-width: 600px) {
  .print-root .parties, .print-root .bottom { grid-template-columns: 1fr; }
  .print-root .sheet { padding: 16px 12px; min-height: auto; }
}
`;

export function PrintQuotePage() {
  return <PrintDocumentPage kind="quote" />;
}

export function PrintOrderPage() {
  return <PrintDocumentPage kind="order" />;
}
