import { useMemo, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import CallIcon from '@mui/icons-material/Call';
import CallMadeIcon from '@mui/icons-material/CallMade';
import CallReceivedIcon from '@mui/icons-material/CallReceived';
import { hasStatus } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RecordPicker, usePhoneText, useRecord, type ContactEntry, type Person, type PickedRecord } from '../../shared/records/index.ts';
import { Form, FormErrorAlert, LtrText, useNotify } from '../../shared/ui/index.ts';
import { newIdempotencyKey, useLogCall, useUpdateActivity } from './activities.api.ts';
import { CALL_OUTCOMES, type Activity, type ActivityDirection, type CallOutcome, type Subject } from './activities.types.ts';
import { changedFields, durationInputText } from './activity-edit.ts';
import { callLogBody } from './call-log.ts';
import { parseDuration } from './activity-summary.ts';
import { DateTimeFields } from './DateTimeFields.tsx';

export type LogCallProps = {
  open: boolean;
  onClose: () => void;
  /** The record whose page this is; null from the app bar (a person is picked first). */
  subject: Subject | null;
  /** The subject's own numbers (a person's, a lead's, an organisation's). */
  phones?: ContactEntry[];
  /** People who may be on the line (a deal's, an organisation's); picking one offers their numbers. */
  people?: Array<{ id: string; name: string }>;
  /** A logged call to edit (from its timeline card): the fields start from it and saving sends what changed. */
  editing?: Activity;
  /** Shown above the fields (a version conflict, while editing). */
  notice?: ReactNode;
  /** A save refused because the call changed meanwhile (409). */
  onConflict?: (error: unknown) => void;
};

/**
 * Log a call in a few taps: the number (tap the phone icon to dial it), which way, how it went,
 * how long, a note. Full screen on a phone, with the save button always in reach.
 */
export function LogCallDialog({ open, onClose, subject, phones = [], people = [], editing, notice, onConflict }: LogCallProps) {
  const { t } = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const format = useFormat();
  const phoneText = usePhoneText();
  const logCall = useLogCall();
  const update = useUpdateActivity();
  // An edited call's number as it was shown; it is sent again only when changed.
  const [initialPhone] = useState(() => (editing?.phone ? phoneText(editing.phone) : ''));
  const [key, setKey] = useState(newIdempotencyKey);
  const [person, setPerson] = useState<PickedRecord | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [otherPhone, setOtherPhone] = useState(initialPhone);
  const [direction, setDirection] = useState<ActivityDirection>(editing?.direction ?? 'outbound');
  const [outcome, setOutcome] = useState<CallOutcome | null>(editing?.callOutcome ?? null);
  const [durationText, setDurationText] = useState(() => (editing ? format.digits(durationInputText(editing.durationSeconds)) : ''));
  const [note, setNote] = useState(editing?.bodyText ?? '');
  const [changingTime, setChangingTime] = useState(Boolean(editing));
  const [occurredAt, setOccurredAt] = useState<string | null>(editing?.occurredAt ?? null);
  const [submitted, setSubmitted] = useState(false);
  const pending = logCall.isPending || update.isPending;
  const saveError = editing ? update.error : logCall.error;

  // A person picked on a deal's or organisation's page (or from the app bar) brings their own numbers.
  const pickedPerson = useRecord<Person>('people', person && subject?.entityType !== 'person' ? person.id : undefined);
  const numbers = useMemo(() => {
    const own = pickedPerson.data?.phones ?? [];
    const all = [...own, ...phones];
    return all.filter((p, i) => all.findIndex((q) => q.value === p.value) === i);
  }, [pickedPerson.data, phones]);
  const chosenPhone = otherPhone.trim() || phone || numbers.find((p) => p.primary)?.value || numbers[0]?.value || null;

  const duration = durationText.trim() ? parseDuration(durationText) : null;
  const durationInvalid = durationText.trim() !== '' && duration === null;
  const needsPerson = !editing && !subject && !person;
  const timeInvalid = changingTime && occurredAt === null;

  const reset = () => {
    setKey(newIdempotencyKey());
    setPerson(null);
    setPhone(null);
    setOtherPhone('');
    setDirection('outbound');
    setOutcome(null);
    setDurationText('');
    setNote('');
    setChangingTime(false);
    setOccurredAt(null);
    setSubmitted(false);
    logCall.reset();
  };
  const close = () => {
    if (pending) return;
    reset();
    onClose();
  };

  const submit = () => {
    setSubmitted(true);
    if (durationInvalid || needsPerson || timeInvalid) return;
    if (editing) return saveEdit(editing);
    const body = callLogBody(subject, person, {
      direction,
      ...(chosenPhone ? { phone: chosenPhone } : {}),
      ...(duration !== null ? { durationSeconds: duration } : {}),
      ...(outcome ? { callOutcome: outcome } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(changingTime && occurredAt ? { occurredAt } : {}),
    });
    logCall.mutate(
      { input: body, key },
      {
        onSuccess: () => {
          notify({ key: 'activities.callLogged' }, 'success');
          reset();
          onClose();
        },
      },
    );
  };

  /** Only what changed, under the version the dialog was opened with; the call's links stay as they are. */
  const saveEdit = (call: Activity) => {
    const patch = changedFields(call, {
      direction,
      callOutcome: outcome,
      durationSeconds: duration,
      bodyText: note.trim(),
      ...(otherPhone.trim() !== initialPhone ? { phone: otherPhone.trim() || null } : {}),
      ...(occurredAt ? { occurredAt } : {}),
    });
    if (!Object.keys(patch).length) return close();
    update.mutate(
      { id: call.id, version: call.version, patch },
      {
        onSuccess: () => {
          notify({ key: 'activities.saved' }, 'success');
          onClose();
        },
        onError: (error) => {
          if (hasStatus(error, 409)) onConflict?.(error);
        },
      },
    );
  };

  const title = editing ? t('activities.editTitle.call') : subject ? t('activities.logCallFor', { name: subject.name }) : t('activities.logCallTitle');

  return (
    <Dialog open={open} onClose={close} fullScreen={fullScreen} maxWidth="xs" fullWidth transitionDuration={notice ? 0 : undefined} data-testid="log-call-dialog">
      <Form onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
        <DialogTitle sx={{ pb: 1 }}>{title}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            {notice}
            {/* A conflict is the notice's to explain; other failures are shown here. */}
            <FormErrorAlert error={editing && hasStatus(saveError, 409) ? null : saveError} />
            {!subject && !editing && (
              <RecordPicker
                kind="person"
                value={person}
                onChange={setPerson}
                label={t('activities.person')}
                testId="log-call-person"
                error={submitted && needsPerson}
                helperText={submitted && needsPerson ? t('activities.needsSubject') : undefined}
              />
            )}
            {subject && subject.entityType !== 'person' && people.length > 0 && (
              <Box>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                  {t('activities.person')}
                </Typography>
                <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap' }}>
                  {people.map((p) => (
                    <Chip
                      key={p.id}
                      label={p.name}
                      color={person?.id === p.id ? 'primary' : 'default'}
                      variant={person?.id === p.id ? 'filled' : 'outlined'}
                      onClick={() => {
                        setPerson(person?.id === p.id ? null : { id: p.id, title: p.name });
                        setPhone(null);
                      }}
                      data-testid="log-call-person-chip"
                    />
                  ))}
                </Box>
              </Box>
            )}
            {numbers.length > 0 && (
              <Box>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                  {t('activities.phone')}
                </Typography>
                <Stack spacing={0.5}>
                  {numbers.map((n) => (
                    <Box key={n.value} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                      <Chip
                        sx={{ flex: 1, justifyContent: 'flex-start' }}
                        label={
                          <>
                            <LtrText>{phoneText(n.value)}</LtrText>
                            {n.label ? ` — ${n.label}` : ''}
                          </>
                        }
                        color={chosenPhone === n.value && !otherPhone.trim() ? 'primary' : 'default'}
                        variant={chosenPhone === n.value && !otherPhone.trim() ? 'filled' : 'outlined'}
                        onClick={() => {
                          setPhone(n.value);
                          setOtherPhone('');
                        }}
                        data-testid="log-call-phone"
                      />
                      <Tooltip title={t('activities.callNow', { phone: phoneText(n.value) })}>
                        <IconButton component="a" href={`tel:${n.value}`} color="success" aria-label={t('activities.callNow', { phone: phoneText(n.value) })} onClick={() => setPhone(n.value)} data-testid="log-call-dial">
                          <CallIcon />
                        </IconButton>
                      </Tooltip>
                    </Box>
                  ))}
                </Stack>
              </Box>
            )}
            <TextField
              size="small"
              label={numbers.length ? t('activities.otherPhone') : t('activities.phone')}
              value={otherPhone}
              onChange={(e) => setOtherPhone(e.target.value)}
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', 'data-testid': 'log-call-other-phone' } }}
            />
            <ToggleButtonGroup
              exclusive
              fullWidth
              size="small"
              color="primary"
              value={direction}
              onChange={(_, next: ActivityDirection | null) => next && setDirection(next)}
              aria-label={t('activities.direction')}
            >
              <ToggleButton value="outbound" data-testid="log-call-outbound">
                <CallMadeIcon fontSize="small" sx={{ me: 0.75 }} />
                {t('activities.directions.outbound')}
              </ToggleButton>
              <ToggleButton value="inbound" data-testid="log-call-inbound">
                <CallReceivedIcon fontSize="small" sx={{ me: 0.75 }} />
                {t('activities.directions.inbound')}
              </ToggleButton>
            </ToggleButtonGroup>
            <Box>
              <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                {t('activities.outcome')}
              </Typography>
              <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap' }} role="radiogroup" aria-label={t('activities.outcome')}>
                {CALL_OUTCOMES.map((o) => (
                  <Chip
                    key={o}
                    role="radio"
                    aria-checked={outcome === o}
                    label={t(`activities.outcomes.${o}`)}
                    color={outcome === o ? 'primary' : 'default'}
                    variant={outcome === o ? 'filled' : 'outlined'}
                    onClick={() => setOutcome(outcome === o ? null : o)}
                    data-testid={`log-call-outcome-${o}`}
                  />
                ))}
              </Box>
            </Box>
            <TextField
              size="small"
              label={t('activities.durationLabel')}
              value={durationText}
              onChange={(e) => setDurationText(e.target.value)}
              error={durationInvalid}
              helperText={durationInvalid ? t('activities.durationInvalid') : t('activities.durationHint')}
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'decimal', 'data-testid': 'log-call-duration' } }}
            />
            <TextField
              label={t('activities.note')}
              placeholder={t('activities.notePlaceholder')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              multiline
              minRows={2}
              slotProps={{ htmlInput: { 'data-testid': 'log-call-note' } }}
            />
            {changingTime ? (
              <DateTimeFields label={t('activities.when')} value={occurredAt} onChange={setOccurredAt} testId="log-call-when" error={submitted && timeInvalid ? t('activities.timeInvalid') : null} />
            ) : (
              <Button size="small" onClick={() => setChangingTime(true)} sx={{ alignSelf: 'flex-start' }} data-testid="log-call-change-time">
                {t('activities.when')}: {t('activities.now')}
              </Button>
            )}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 2, py: 1.5 }}>
          <Button onClick={close} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" size="large" loading={pending} startIcon={<CallIcon />} data-testid="log-call-submit" sx={{ flex: fullScreen ? 1 : undefined }}>
            {t('activities.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
