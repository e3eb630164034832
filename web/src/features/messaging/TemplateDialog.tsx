import { useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RecordPicker, type PickedRecord } from '../../shared/records/index.ts';
import { RichTextEditor, type RichTextEditorHandle } from '../../shared/rich-text/index.ts';
import { Form, FormErrorAlert, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useSaveTemplate, type MessageTemplate, type TemplateChannel } from './messaging.api.ts';
import { PlaceholderPalette } from './PlaceholderPalette.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { insertAt, smsParts } from './text-insert.ts';

/** Plain text of an HTML fragment, to tell an empty editor (`<br>`, `<p></p>`) from one with words. */
export function htmlHasText(html: string): boolean {
  return html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim().length > 0;
}

type Props = { channel: TemplateChannel; template: MessageTemplate | null; onClose: () => void };

/** Create or edit one template: fields, placeholder palette, and a live preview for a chosen person. */
export function TemplateDialog({ channel, template, onClose }: Props) {
  const { t, locale: uiLocale } = useT();
  const format = useFormat();
  const notify = useNotify();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('md'));
  const save = useSaveTemplate();
  const [name, setName] = useState(template?.name ?? '');
  const [locale, setLocale] = useState(template?.locale ?? uiLocale);
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [person, setPerson] = useState<PickedRecord | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [target, setTarget] = useState<'subject' | 'body'>('body');
  const subjectInput = useRef<HTMLInputElement | null>(null);
  const smsInput = useRef<HTMLTextAreaElement | null>(null);
  const editor = useRef<RichTextEditorHandle | null>(null);
  const email = channel === 'email';

  const required = t('errors.required');
  const nameError = submitted && !name.trim() ? required : null;
  const subjectError = submitted && email && !subject.trim() ? required : null;
  const bodyError = submitted && !(email ? htmlHasText(body) : body.trim()) ? required : null;

  const insertIntoField = (input: HTMLInputElement | HTMLTextAreaElement | null, value: string, set: (v: string) => void, token: string) => {
    const next = insertAt(value, token, input?.selectionStart, input?.selectionEnd);
    set(next.value);
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

  const submit = () => {
    setSubmitted(true);
    if (!name.trim() || (email && !subject.trim()) || !(email ? htmlHasText(body) : body.trim())) return;
    save.mutate(
      { id: template?.id, version: template?.version, input: { channel, name: name.trim(), subject: email ? subject.trim() : null, body, locale } },
      {
        onSuccess: () => {
          notify({ key: 'common.saved' });
          onClose();
        },
      },
    );
  };

  const sms = smsParts(body);
  const dir = locale === 'fa' ? 'rtl' : 'ltr';

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" fullScreen={fullScreen} data-testid="template-dialog">
      <Form onSubmit={submit}>
        <DialogTitle>{template ? t('messaging.templates.edit') : email ? t('messaging.templates.newEmail') : t('messaging.templates.newSms')}</DialogTitle>
        <DialogContent dividers>
          <FormErrorAlert error={save.error} />
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, md: 7 }}>
              <Stack spacing={2}>
                <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                  <TextField
                    label={t('messaging.templates.name')}
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    sx={{ flex: '1 1 240px' }}
                    {...fieldState('name', { error: save.error, client: nameError })}
                    slotProps={{ htmlInput: { 'data-testid': 'template-name', maxLength: 200 } }}
                  />
                  <TextField select label={t('messaging.templates.locale')} value={locale} onChange={(e) => setLocale(e.target.value)} sx={{ width: 140 }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'template-locale' } as object } }}>
                    <MenuItem value="fa">{t('messaging.templates.localeFa')}</MenuItem>
                    <MenuItem value="en">{t('messaging.templates.localeEn')}</MenuItem>
                  </TextField>
                </Box>
                {email && (
                  <TextField
                    label={t('messaging.templates.subject')}
                    value={subject}
                    onChange={(e) => setSubject(e.target.value)}
                    onFocus={() => setTarget('subject')}
                    inputRef={subjectInput}
                    {...fieldState('subject', { error: save.error, client: subjectError })}
                    slotProps={{ htmlInput: { dir, 'data-testid': 'template-subject', maxLength: 500 } }}
                  />
                )}
                <PlaceholderPalette onInsert={insert} />
                {email ? (
                  <Box dir={dir}>
                    <RichTextEditor
                      ref={editor}
                      label={t('messaging.templates.body')}
                      value={body}
                      resetKey={template?.id ?? 'new'}
                      onChange={(html) => setBody(html)}
                      onFocus={() => setTarget('body')}
                      {...fieldState('body', { error: save.error, client: bodyError })}
                      testId="template-body"
                      minHeight={180}
                    />
                  </Box>
                ) : (
                  <TextField
                    label={t('messaging.templates.smsText')}
                    value={body}
                    onChange={(e) => setBody(e.target.value)}
                    multiline
                    minRows={5}
                    inputRef={smsInput}
                    {...fieldState('body', {
                      error: save.error,
                      client: bodyError,
                      helper: t('messaging.smsCounter', { length: format.number(sms.length), parts: format.number(sms.parts) }),
                    })}
                    slotProps={{ htmlInput: { dir, 'data-testid': 'template-body' } }}
                  />
                )}
              </Stack>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
                {t('messaging.preview.title')}
              </Typography>
              <RecordPicker kind="person" value={person} onChange={setPerson} label={t('messaging.preview.person')} testId="template-preview-person" />
              <Divider sx={{ my: 1.5 }} />
              <PreviewPanel
                channel={channel}
                dir={dir}
                input={person && (email ? htmlHasText(body) || subject.trim() : body.trim()) ? { personId: person.id, channel, subject: email ? subject : null, body } : null}
              />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" loading={save.isPending} data-testid="template-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
