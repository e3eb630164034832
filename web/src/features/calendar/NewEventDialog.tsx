import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { toLatinDigits } from '#common/text/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RecordPicker, type PickedRecord } from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { DateInput, FormErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { newIdempotencyKey, usePlanActivity, type PlannedActivityInput } from './calendar.api.ts';
import { zonedIso } from './calendar-dates.ts';

const DURATIONS = [15, 30, 45, 60, 90, 120];

/** 'HH:MM' from what was typed (any digits, «۱۴:۳۰», "9:5", "14"), or null. */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})(?:\s*[:.٫]\s*(\d{1,2}))?$/.exec(toLatinDigits(text).trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

type Props = { open: boolean; day: string; time: string; timeZone: string; onClose: () => void };

/** Plans a meeting or a call from an empty day or time slot (POST /api/v1/activities, status planned). */
export function NewEventDialog({ open, day, time, timeZone, onClose }: Props) {
  const { t } = useT();
  const fmt = useFormat();
  const me = useSession();
  const notify = useNotify();
  const plan = usePlanActivity();
  const [key] = useState(newIdempotencyKey);
  const [type, setType] = useState<'meeting' | 'call'>('meeting');
  const [subject, setSubject] = useState('');
  const [date, setDate] = useState<string | null>(day);
  const [timeText, setTimeText] = useState(fmt.digits(time));
  const [duration, setDuration] = useState(60);
  const [place, setPlace] = useState('');
  const [person, setPerson] = useState<PickedRecord | null>(null);
  const [submitted, setSubmitted] = useState(false);

  const parsedTime = parseTime(timeText);
  const timeError = submitted && !parsedTime;
  const personError = submitted && type === 'call' && !person;

  const submit = () => {
    setSubmitted(true);
    if (!parsedTime || !date || (type === 'call' && !person)) return;
    const occurredAt = zonedIso(date, parsedTime, timeZone);
    const input: PlannedActivityInput = {
      type,
      subject: subject.trim() || null,
      occurredAt,
      endsAt: type === 'meeting' ? new Date(Date.parse(occurredAt) + duration * 60_000).toISOString() : undefined,
      place: type === 'meeting' ? place.trim() || null : undefined,
      direction: type === 'call' ? 'outbound' : undefined,
      links: person ? [{ entityType: 'person', entityId: person.id }] : undefined,
      // A meeting with no customer yet is still yours: you attend it.
      attendees: type === 'meeting' ? [{ userId: me.user.id }] : undefined,
    };
    plan.mutate(
      { input, key },
      {
        onSuccess: () => {
          notify({ key: 'calendarPage.newEvent.created' }, 'success');
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" data-testid="calendar-new-event">
      <DialogTitle>{t(type === 'meeting' ? 'calendarPage.newEvent.meeting' : 'calendarPage.newEvent.call')}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
          <ToggleButtonGroup exclusive size="small" value={type} onChange={(_, next) => next && setType(next)} fullWidth>
            <ToggleButton value="meeting" data-testid="new-event-meeting">
              {t('calendarPage.types.meeting')}
            </ToggleButton>
            <ToggleButton value="call" data-testid="new-event-call">
              {t('calendarPage.types.call')}
            </ToggleButton>
          </ToggleButtonGroup>
          <TextField size="small" label={t('calendarPage.newEvent.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'new-event-subject', maxLength: 300 } }} autoFocus />
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 110px', gap: 1 }}>
            <DateInput size="small" label={t('calendarPage.newEvent.date')} value={date} onChange={setDate} testId="new-event-date" />
            <TextField
              size="small"
              label={t('calendarPage.newEvent.time')}
              value={timeText}
              onChange={(e) => setTimeText(e.target.value)}
              error={timeError}
              helperText={timeError ? t('calendarPage.newEvent.timeInvalid') : undefined}
              slotProps={{ htmlInput: { 'data-testid': 'new-event-time', inputMode: 'numeric', dir: 'ltr' } }}
            />
          </Box>
          {type === 'meeting' && (
            <>
              <TextField select size="small" label={t('calendarPage.newEvent.duration')} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
                {DURATIONS.map((m) => (
                  <MenuItem key={m} value={m}>
                    {t('calendarPage.newEvent.minutes', { count: fmt.number(m) })}
                  </MenuItem>
                ))}
              </TextField>
              <TextField size="small" label={t('calendarPage.newEvent.place')} value={place} onChange={(e) => setPlace(e.target.value)} slotProps={{ htmlInput: { maxLength: 300 } }} />
            </>
          )}
          <RecordPicker
            kind="person"
            value={person}
            onChange={setPerson}
            label={t('calendarPage.newEvent.person')}
            testId="new-event-person"
            error={personError}
            helperText={personError ? t('calendarPage.newEvent.personRequired') : undefined}
          />
          <FormErrorAlert error={plan.error} />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('calendarPage.newEvent.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={plan.isPending} data-testid="new-event-save">
          {t('calendarPage.newEvent.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
