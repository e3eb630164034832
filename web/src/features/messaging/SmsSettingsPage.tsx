import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import SendOutlinedIcon from '@mui/icons-material/SendOutlined';
import { normalizeIranianPhone } from '#common/identity/phone.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { ErrorState, Form, FormErrorAlert, LoadingState, LtrText, PageHeader, errorMessage, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useSaveSmsProvider, useSmsProvider, useTestSms, type SmsProviderKind, type SmsProviderView } from './messaging.api.ts';
import { draftOf, providerInput, type Draft, type Pair } from './sms-provider-draft.ts';

/** /settings/sms: the workspace's SMS gateway (Kavenegar or any HTTP API) and a test message. */
export function SmsSettingsPage() {
  const { t } = useT();
  const provider = useSmsProvider();
  return (
    <Box data-testid="sms-settings-page">
      <PageHeader title={t('messaging.sms.title')} subtitle={t('messaging.sms.subtitle')} />
      {provider.isPending ? (
        <LoadingState />
      ) : provider.isError ? (
        <ErrorState error={provider.error} onRetry={() => void provider.refetch()} />
      ) : (
        <Stack spacing={2}>
          <ProviderForm key={`${provider.data?.kind ?? 'none'}-${provider.data?.version ?? 0}`} saved={provider.data} />
          <TestSmsCard configured={provider.data !== null} />
        </Stack>
      )}
    </Box>
  );
}

function SecretField({ label, masked, value, onChange, testId }: { label: string; masked: string | null; value: string | null; onChange: (v: string | null) => void; testId: string }) {
  const { t } = useT();
  if (masked && value === null) {
    return (
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <TextField label={label} value={masked} disabled fullWidth helperText={t('messaging.sms.secretKept')} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': `${testId}-masked` } }} />
        <Button onClick={() => onChange('')} data-testid={`${testId}-replace`} sx={{ flexShrink: 0, mb: 2.5 }}>
          {t('messaging.sms.replace')}
        </Button>
      </Box>
    );
  }
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
      <TextField
        label={label}
        type="password"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        fullWidth
        autoComplete="off"
        helperText={t('messaging.sms.secretHelp')}
        slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': testId } }}
      />
      {masked && (
        <Button onClick={() => onChange(null)} sx={{ flexShrink: 0, mb: 2.5 }} data-testid={`${testId}-keep`}>
          {t('messaging.sms.keepSecret')}
        </Button>
      )}
    </Box>
  );
}

function PairsEditor({ title, help, rows, onChange, testId }: { title: string; help: string; rows: Pair[]; onChange: (rows: Pair[]) => void; testId: string }) {
  const { t } = useT();
  const set = (i: number, patch: Partial<Pair>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Box data-testid={testId}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0, mb: 1 }}>
        {help}
      </Typography>
      <Stack spacing={1}>
        {rows.map((row, i) => (
          <Box key={i} sx={{ display: 'flex', gap: 1 }}>
            <TextField size="small" label={t('messaging.sms.pairName')} value={row.name} onChange={(e) => set(i, { name: e.target.value })} slotProps={{ htmlInput: { dir: 'ltr' } }} sx={{ flex: 1 }} />
            <TextField size="small" label={t('messaging.sms.pairValue')} value={row.value} onChange={(e) => set(i, { value: e.target.value })} slotProps={{ htmlInput: { dir: 'ltr' } }} sx={{ flex: 1 }} />
            <Tooltip title={t('common.remove')}>
              <IconButton onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Box>
        ))}
      </Stack>
      <Button size="small" startIcon={<AddIcon />} onClick={() => onChange([...rows, { name: '', value: '' }])} sx={{ mt: 0.5 }}>
        {t('messaging.sms.addRow')}
      </Button>
    </Box>
  );
}

function ProviderForm({ saved }: { saved: SmsProviderView | null }) {
  const { t } = useT();
  const notify = useNotify();
  const save = useSaveSmsProvider();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [dirty, setDirty] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDirty(true);
  };
  const bind = (key: 'sender' | 'baseUrl' | 'url' | 'toField' | 'textField' | 'senderField' | 'apiKeyName' | 'apiKeyPrefix' | 'messageIdPath') => ({
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.target.value),
  });
  const sameKind = saved?.kind === draft.kind;
  const maskedKey = sameKind && typeof saved?.config.apiKey === 'string' && saved.config.apiKey ? saved.config.apiKey : null;
  const required = t('errors.required');
  const problems: Record<string, string | null> =
    draft.kind === 'kavenegar'
      ? { 'config.apiKey': !maskedKey && !draft.newApiKey?.trim() ? required : null }
      : {
          'config.url': !/^https?:\/\/\S+$/i.test(draft.url.trim()) ? t('messaging.sms.urlInvalid') : null,
          'config.toField': draft.toField.trim() ? null : required,
          'config.textField': draft.textField.trim() ? null : required,
        };
  const state = (path: string, helper?: string) => fieldState(path, { error: save.error, client: submitted ? problems[path] : null, helper });

  const submit = () => {
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return;
    save.mutate(providerInput(draft, saved), { onSuccess: () => notify({ key: 'messaging.sms.saved' }) });
  };

  return (
    <Card>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Form onSubmit={submit}>
          <FormErrorAlert error={save.error} />
          <Stack spacing={2.5} sx={{ maxWidth: 640 }}>
            {!saved && <Alert severity="info" data-testid="sms-not-configured">{t('messaging.sms.notConfigured')}</Alert>}
            <Box>
              <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }}>
                {t('messaging.sms.provider')}
              </Typography>
              <ToggleButtonGroup exclusive color="primary" value={draft.kind} onChange={(_, v: SmsProviderKind | null) => v && set('kind', v)} data-testid="sms-kind">
                <ToggleButton value="kavenegar" data-testid="sms-kind-kavenegar">
                  {t('messaging.sms.kavenegar')}
                </ToggleButton>
                <ToggleButton value="generic_http" data-testid="sms-kind-generic">
                  {t('messaging.sms.generic')}
                </ToggleButton>
              </ToggleButtonGroup>
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1, mb: 0 }}>
                {draft.kind === 'kavenegar' ? t('messaging.sms.kavenegarHelp') : t('messaging.sms.genericHelp')}
              </Typography>
            </Box>
            <FormControlLabel control={<Switch checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} data-testid="sms-enabled" />} label={t('messaging.sms.enabled')} />
            <Divider />
            {draft.kind === 'kavenegar' ? (
              <>
                <SecretField label={t('messaging.sms.apiKey')} masked={maskedKey} value={draft.newApiKey} onChange={(v) => set('newApiKey', v)} testId="sms-api-key" />
                {submitted && problems['config.apiKey'] && <Alert severity="error">{problems['config.apiKey']}</Alert>}
                <TextField label={t('messaging.sms.senderLine')} {...bind('sender')} {...state('config.sender', t('messaging.sms.senderLineHelp'))} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-sender' } }} />
                <TextField label={t('messaging.sms.baseUrl')} placeholder="https://api.kavenegar.com" {...bind('baseUrl')} {...state('config.baseUrl', t('messaging.sms.baseUrlHelp'))} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-base-url' } }} />
              </>
            ) : (
              <>
                <TextField label={t('messaging.sms.url')} placeholder="https://sms.example.com/api/send" {...bind('url')} {...state('config.url')} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-url' } }} />
                <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                  <TextField select label={t('messaging.sms.method')} value={draft.method} onChange={(e) => set('method', e.target.value as Draft['method'])} sx={{ width: 140 }}>
                    <MenuItem value="POST">POST</MenuItem>
                    <MenuItem value="GET">GET</MenuItem>
                  </TextField>
                  <TextField select label={t('messaging.sms.bodyFormat')} value={draft.method === 'GET' ? 'query' : draft.bodyFormat} disabled={draft.method === 'GET'} onChange={(e) => set('bodyFormat', e.target.value as Draft['bodyFormat'])} sx={{ flex: '1 1 200px' }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'sms-body-format' } as object } }}>
                    <MenuItem value="json">{t('messaging.sms.formatJson')}</MenuItem>
                    <MenuItem value="form">{t('messaging.sms.formatForm')}</MenuItem>
                    <MenuItem value="query">{t('messaging.sms.formatQuery')}</MenuItem>
                  </TextField>
                </Box>
                <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                  <TextField label={t('messaging.sms.toField')} {...bind('toField')} {...state('config.toField')} sx={{ flex: '1 1 160px' }} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-to-field' } }} />
                  <TextField label={t('messaging.sms.textField')} {...bind('textField')} {...state('config.textField')} sx={{ flex: '1 1 160px' }} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-text-field' } }} />
                </Box>
                <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                  <TextField label={t('messaging.sms.senderField')} {...bind('senderField')} {...state('config.senderField')} sx={{ flex: '1 1 160px' }} slotProps={{ htmlInput: { dir: 'ltr' } }} />
                  <TextField label={t('messaging.sms.senderLine')} {...bind('sender')} {...state('config.sender')} sx={{ flex: '1 1 160px' }} slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sms-sender' } }} />
                </Box>
                <TextField select label={t('messaging.sms.phoneFormat')} value={draft.phoneFormat} onChange={(e) => set('phoneFormat', e.target.value as Draft['phoneFormat'])}>
                  <MenuItem value="e164">{t('messaging.sms.phoneE164')} <LtrText>&nbsp;+989121234567</LtrText></MenuItem>
                  <MenuItem value="national">{t('messaging.sms.phoneNational')} <LtrText>&nbsp;09121234567</LtrText></MenuItem>
                  <MenuItem value="international_digits">{t('messaging.sms.phoneDigits')} <LtrText>&nbsp;989121234567</LtrText></MenuItem>
                </TextField>
                <Divider />
                <SecretField label={t('messaging.sms.apiKey')} masked={maskedKey} value={draft.newApiKey} onChange={(v) => set('newApiKey', v)} testId="sms-api-key" />
                <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                  <TextField select label={t('messaging.sms.apiKeyIn')} value={draft.apiKeyIn} onChange={(e) => set('apiKeyIn', e.target.value as Draft['apiKeyIn'])} sx={{ flex: '1 1 160px' }}>
                    <MenuItem value="header">{t('messaging.sms.apiKeyInHeader')}</MenuItem>
                    <MenuItem value="field">{t('messaging.sms.apiKeyInField')}</MenuItem>
                  </TextField>
                  <TextField label={t('messaging.sms.apiKeyName')} placeholder={draft.apiKeyIn === 'header' ? 'Authorization' : 'apiKey'} {...bind('apiKeyName')} sx={{ flex: '1 1 160px' }} slotProps={{ htmlInput: { dir: 'ltr' } }} />
                  <TextField label={t('messaging.sms.apiKeyPrefix')} placeholder="Bearer " {...bind('apiKeyPrefix')} sx={{ flex: '1 1 120px' }} slotProps={{ htmlInput: { dir: 'ltr' } }} />
                </Box>
                <TextField label={t('messaging.sms.messageIdPath')} placeholder="data.id" {...bind('messageIdPath')} {...state('config.messageIdPath', t('messaging.sms.messageIdPathHelp'))} slotProps={{ htmlInput: { dir: 'ltr' } }} />
                <PairsEditor title={t('messaging.sms.headers')} help={t('messaging.sms.headersHelp')} rows={draft.headers} onChange={(rows) => set('headers', rows)} testId="sms-headers" />
                <PairsEditor title={t('messaging.sms.extraFields')} help={t('messaging.sms.extraFieldsHelp')} rows={draft.extraFields} onChange={(rows) => set('extraFields', rows)} testId="sms-extra-fields" />
              </>
            )}
            <Box>
              <Button type="submit" variant="contained" loading={save.isPending} disabled={!dirty && saved !== null} data-testid="sms-save">
                {t('common.save')}
              </Button>
            </Box>
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
}

function TestSmsCard({ configured }: { configured: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const test = useTestSms();
  const [to, setTo] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const normalised = to.trim() ? normalizeIranianPhone(to) : null;
  const problem = !to.trim() ? t('errors.required') : normalised ? null : t('messaging.compose.invalidPhone');
  const submit = () => {
    setSubmitted(true);
    if (problem || !normalised) return;
    test.mutate(normalised);
  };
  return (
    <Card data-testid="sms-test">
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          {t('messaging.sms.testTitle')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {configured ? t('messaging.sms.testHelp') : t('messaging.sms.testNeedsProvider')}
        </Typography>
        <Form onSubmit={submit}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap', maxWidth: 640 }}>
            <TextField
              label={t('messaging.sms.testTo')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              placeholder={format.digits('09121234567')}
              disabled={!configured}
              sx={{ flex: '1 1 240px' }}
              {...fieldState('to', { error: test.error, client: submitted ? problem : null })}
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', 'data-testid': 'sms-test-to' } }}
            />
            <Button type="submit" variant="outlined" startIcon={<SendOutlinedIcon />} loading={test.isPending} disabled={!configured} sx={{ mt: 1 }} data-testid="sms-test-send">
              {t('messaging.sms.testSend')}
            </Button>
          </Box>
        </Form>
        {test.isSuccess && (
          <Alert severity="success" sx={{ mt: 2 }} data-testid="sms-test-result">
            {test.data.providerMessageId ? t('messaging.sms.testSentId', { to: test.data.to, id: test.data.providerMessageId }) : t('messaging.sms.testSent', { to: test.data.to })}
          </Alert>
        )}
        {test.isError && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="sms-test-error">
            {errorMessage(test.error, t('errors.unknown'))}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
