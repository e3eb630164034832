import { useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { normalizeIranianPhone } from '#common/identity/phone.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import type { ContactEntry } from '../../shared/records/records.types.ts';
import { RichTextEditor, type RichTextEditorHandle } from '../../shared/rich-text/index.ts';
import { EMAIL_PATTERN } from '../../shared/ui/field-errors.ts';
import { Form, FormErrorAlert, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useSendToPerson, useTemplates, type MessageTemplate, type PreviewInput } from './messaging.api.ts';
import { PlaceholderPalette } from './PlaceholderPalette.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { htmlHasText } from './TemplateDialog.tsx';
import { insertAt, smsParts } from './text-insert.ts';

export type ComposeChannel = 'email' | 'sms';

type Props = {
  channel: ComposeChannel;
  person: { id: string; displayName: string; emails: ContactEntry[]; phones: ContactEntry[] };
  onClose: () => void;
};

const primaryFirst = (entries: ContactEntry[]) => [...entries].sort((a, b) => Number(b.primary) - Number(a.primary)).map((e) => e.value);

/**
 * Email or SMS to one person: a template or free text (placeholders allowed in both), the address
 * or number from the person's record (or another one), a preview, and send. The message is queued
 * on the server and appears on the person's timeline with its delivery status.
 */
export function ComposeDialog({ channel, person, onClose }: Props) {
  const { t, locale } = useT();
  const format = useFormat();
  const notify = useNotify();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('md'));
  const email = channel === 'email';
  const templates = useTemplates(channel);
  const send = useSendToPerson(person.id);
  const mutation = email ? send.email : send.sms;

  const addresses = useMemo(() => primaryFirst(email ? person.emails : person.phones), [email, person.emails, person.phones]);
  const [to, setTo] = useState(addresses[0] ?? '');
  const [template, setTemplate] = useState<MessageTemplate | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [edited, setEdited] = useState(false);
  const [resetKey, setResetKey] = useState(0);
  const [submitted, setSubmitted] = useState(false);
  const [target, setTarget] = useState<'subject' | 'body'>('body');
  const subjectInput = useRef<HTMLInputElement | null>(null);
  const smsInput = useRef<HTMLTextAreaElement | null>(null);
  const editor = useRef<RichTextEditorHandle | null>(null);

  const chooseTemplate = (id: string) => {
    const next = templates.data?.find((tpl) => tpl.id === id) ?? null;
    setTemplate(next);
    setSubject(next?.subject ?? '');
    setBody(next?.body ?? '');
    setEdited(false);
    setResetKey((k) => k + 1);
  };

  const change = (set: (v: string) => void) => (value: string) => {
    set(value);
    setEdited(true);
  };

  const insertIntoField = (input: HTMLInputElement | HTMLTextAreaElement | null, value: string, set: (v: string) => void, token: string) => {
    const next = insertAt(value, token, input?.selectionStart, input?.selectionEnd);
    change(set)(next.value);
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(next.caret, next.caret);
    });
  };
  const insert = (token: string) => {
    if (email && target === 'subject') insertIntoField(subjectInput.current, subject, setSubject, token);
    else if (email) editor.current?.insertText(token);
    else insertIntoField(smsInput.current, body, setBody, token);
  };

  const trimmedTo = to.trim();
  const toProblem = !trimmedTo
    ? t('errors.required')
    : email
      ? EMAIL_PATTERN.test(trimmedTo)
        ? null
        : t('errors.invalidEmail')
      : normalizeIranianPhone(trimmedTo)
        ? null
        : t('messaging.compose.invalidPhone');
  const hasBody = email ? htmlHasText(body) : body.trim().length > 0;
  const subjectProblem = email && !subject.trim() ? t('errors.required') : null;
  const bodyProblem = hasBody ? null : t('errors.required');
  const useTemplateAsIs = template !== null && !edited;

  const previewInput: PreviewInput | null = useTemplateAsIs
    ? { templateId: template.id, personId: person.id }
    : hasBody
      ? { personId: person.id, channel, subject: email ? subject : null, body }
      : null;

  const submit = () => {
    setSubmitted(true);
    if (toProblem || subjectProblem || bodyProblem) return;
    const recipient = email ? trimmedTo : (normalizeIranianPhone(trimmedTo) ?? trimmedTo);
    const onSuccess = () => {
      notify({ key: email ? 'messaging.compose.emailQueued' : 'messaging.compose.smsQueued' });
      onClose();
    };
    if (email) {
      send.email.mutate(useTemplateAsIs ? { templateId: template.id, to: recipient } : { templateId: template?.id, subject: subject.trim(), bodyHtml: body, to: recipient }, { onSuccess });
    } else {
      send.sms.mutate(useTemplateAsIs ? { templateId: template.id, to: recipient } : { templateId: template?.id, text: body, to: recipient }, { onSuccess });
    }
  };

  const sms = smsParts(body);
  const dir = (template?.locale ?? locale) === 'fa' ? 'rtl' : 'ltr';
  const title = email ? t('messaging.compose.emailTitle', { name: person.displayName }) : t('messaging.compose.smsTitle', { name: person.displayName });

  return (
    <Dialog open onClose={mutation.isPending ? undefined : onClose} fullWidth maxWidth="lg" fullScreen={fullScreen} data-testid={email ? 'compose-email-dialog' : 'compose-sms-dialog'}>
      <Form onSubmit={submit}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent dividers>
          <FormErrorAlert error={mutation.error} />
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, md: 7 }}>
              <Stack spacing={2}>
                <Autocomplete
                  freeSolo
                  options={addresses}
                  value={to}
                  inputValue={to}
                  onInputChange={(_, v) => setTo(v)}
                  onChange={(_, v) => setTo(typeof v === 'string' ? v : '')}
                  renderInput={(params) => (
                    <TextField
                      {...params}
                      label={email ? t('messaging.compose.toEmail') : t('messaging.compose.toPhone')}
                      {...fieldState('to', {
                        error: mutation.error,
                        client: submitted ? toProblem : null,
                        helper: addresses.length ? undefined : email ? t('messaging.compose.noEmail') : t('messaging.compose.noPhone'),
                      })}
                      slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, dir: 'ltr', inputMode: email ? 'email' : 'tel', 'data-testid': 'compose-to' } }}
                    />
                  )}
                />
                <TextField
                  select
                  label={t('messaging.compose.template')}
                  value={template?.id ?? ''}
                  onChange={(e) => chooseTemplate(e.target.value)}
                  helperText={templates.data?.length === 0 ? t('messaging.compose.noTemplates') : undefined}
                  slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'compose-template' } as object }, inputLabel: { shrink: true } }}
                >
                  <MenuItem value="">
                    <em>{t('messaging.compose.writeOwn')}</em>
                  </MenuItem>
                  {(templates.data ?? []).map((tpl) => (
                    <MenuItem key={tpl.id} value={tpl.id} data-testid="compose-template-option">
                      {tpl.name}
                    </MenuItem>
                  ))}
                </TextField>
                {email && (
                  <TextField
                    label={t('messaging.compose.subject')}
                    value={subject}
                    onChange={(e) => change(setSubject)(e.target.value)}
                    onFocus={() => setTarget('subject')}
                    inputRef={subjectInput}
                    {...fieldState('subject', { error: mutation.error, client: submitted ? subjectProblem : null })}
                    slotProps={{ htmlInput: { dir, 'data-testid': 'compose-subject' } }}
                  />
                )}
                <PlaceholderPalette onInsert={insert} />
                {email ? (
                  <Box dir={dir}>
                    <RichTextEditor
                      ref={editor}
                      label={t('messaging.compose.body')}
                      value={body}
                      resetKey={resetKey}
                      onChange={(html) => {
                        if (html !== body) change(setBody)(html);
                      }}
                      onFocus={() => setTarget('body')}
                      {...fieldState('bodyHtml', { error: mutation.error, client: submitted ? bodyProblem : null })}
                      testId="compose-body"
                      minHeight={180}
                    />
                  </Box>
                ) : (
                  <TextField
                    label={t('messaging.compose.smsText')}
                    value={body}
                    onChange={(e) => change(setBody)(e.target.value)}
                    multiline
                    minRows={4}
                    inputRef={smsInput}
                    {...fieldState('text', {
                      error: mutation.error,
                      client: submitted ? bodyProblem : null,
                      helper: t('messaging.smsCounter', { length: format.number(sms.length), parts: format.number(sms.parts) }),
                    })}
                    slotProps={{ htmlInput: { dir, 'data-testid': 'compose-body' } }}
                  />
                )}
              </Stack>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
                {t('messaging.preview.forPerson', { name: person.displayName })}
              </Typography>
              {previewInput ? (
                <PreviewPanel input={previewInput} channel={channel} dir={dir} />
              ) : (
                <Alert severity="info" icon={false}>
                  {t('messaging.preview.writeFirst')}
                </Alert>
              )}
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={mutation.isPending} data-testid="compose-send">
            {email ? t('messaging.compose.sendEmail') : t('messaging.compose.sendSms')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
