import { useState, type ReactNode } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { DEFAULT_TIME_ZONE } from '#common/calendar/index.ts';
import { hasStatus } from '../../shared/api/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useOwners } from '../../shared/records/index.ts';
import { RichTextEditor } from '../../shared/rich-text/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { Form, FormErrorAlert, useNotify } from '../../shared/ui/index.ts';
import { newIdempotencyKey, useCreateActivity, useUpdateActivity } from './activities.api.ts';
import { CHAT_CHANNELS, type Activity, type ActivityDirection, type ActivityInput, type ActivityPatch, type Attendee, type AttendeeInput, type ChatChannel, type Subject } from './activities.types.ts';
import { attendeeInputOf, changedFields, editorHtmlOf } from './activity-edit.ts';
import { DateTimeFields } from './DateTimeFields.tsx';
import { ReminderSelect } from './ReminderSelect.tsx';
import { isoToZoned } from './zoned-time.ts';

/** What the composer writes: an activity type, or 'call' for a call planned ahead. */
export type ComposerKind = 'meeting' | 'note' | 'email' | 'sms' | 'chat' | 'call';

/** A colleague, a customer, or (only on meetings saved elsewhere, e.g. by a calendar invite) a bare address. */
type AttendeeOption = { key: string; kind: 'user' | 'person' | 'email'; id: string; name: string };

const optionOfAttendee = (a: Attendee): AttendeeOption =>
  a.userId
    ? { key: `u:${a.userId}`, kind: 'user', id: a.userId, name: a.name }
    : a.personId
      ? { key: `p:${a.personId}`, kind: 'person', id: a.personId, name: a.name }
      : { key: `e:${a.email ?? ''}`, kind: 'email', id: a.email ?? '', name: a.name || (a.email ?? '') };

/** The options a meeting offers, each once (the first wins). */
const uniqueOptions = (options: AttendeeOption[]) => options.filter((o, i) => options.findIndex((p) => p.key === o.key) === i);

type Props = {
  kind: ComposerKind | null;
  onClose: () => void;
  subject: Subject;
  /** The record's people, offered as meeting attendees. */
  people?: Array<{ id: string; name: string }>;
};

/** The next full hour of the workspace's wall clock. */
function nextHour(timeZone: string): string {
  const now = Date.now();
  const minute = Number(isoToZoned(new Date(now).toISOString(), timeZone).time.slice(3));
  return new Date(now - (now % 60_000) + (60 - minute) * 60_000).toISOString();
}

const addMinutes = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

/** A meeting, a note, a logged email / SMS / chat, or a planned call, linked to the page's record. */
export function ActivityComposer({ kind, onClose, subject, people = [] }: Props) {
  // Keyed on the kind so that every opening starts from a fresh draft.
  return kind ? <ComposerDialog key={kind} kind={kind} onClose={onClose} subject={subject} people={people} /> : null;
}

type DialogProps = {
  kind: ComposerKind;
  onClose: () => void;
  /** The page's record, linked to what is created; null while editing (the activity keeps its links). */
  subject: Subject | null;
  people: Array<{ id: string; name: string }>;
  /** An activity to edit: the fields start from it, and saving sends only what changed. */
  editing?: Activity;
  /** Shown above the fields (a version conflict, while editing). */
  notice?: ReactNode;
  /** A save refused because the activity changed meanwhile (409). */
  onConflict?: (error: unknown) => void;
};

/** The composer's dialog, for a new activity or (with `editing`) an existing one. */
export function ComposerDialog({ kind, onClose, subject, people, editing, notice, onConflict }: DialogProps) {
  const { t } = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const format = useFormat();
  const me = useSession();
  const owners = useOwners();
  const notify = useNotify();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const zone = format.timeZone ?? DEFAULT_TIME_ZONE;
  const [key] = useState(newIdempotencyKey);
  // What the editor and the address field started from: sent again only when changed.
  const [initialHtml] = useState(() => (editing ? editorHtmlOf(editing) : ''));
  const [initialAddress] = useState(() => (kind === 'email' ? editing?.emailAddress : editing?.phone) ?? '');
  const [subjectText, setSubjectText] = useState(editing?.subject ?? '');
  const [html, setHtml] = useState(initialHtml);
  const [text, setText] = useState(editing?.bodyText ?? '');
  const [startsAt, setStartsAt] = useState<string | null>(() => (editing ? editing.occurredAt : nextHour(zone)));
  const [endsAt, setEndsAt] = useState<string | null>(() => (editing ? editing.endsAt : addMinutes(nextHour(zone), 60)));
  const [place, setPlace] = useState(editing?.place ?? '');
  const [direction, setDirection] = useState<ActivityDirection>(editing?.direction ?? 'outbound');
  const [address, setAddress] = useState(initialAddress);
  const [channel, setChannel] = useState<ChatChannel>(editing?.chatChannel ?? 'whatsapp');
  const [reminder, setReminder] = useState<number | null>(editing ? editing.reminderMinutes : 15);
  const colleagues: AttendeeOption[] = (owners.data?.length ? owners.data : [{ userId: me.user.id, name: me.user.name }]).map((o) => ({ key: `u:${o.userId}`, kind: 'user', id: o.userId, name: o.name }));
  // While editing, the customers on offer are the people the activity is linked to.
  const linkedPeople = editing ? editing.links.filter((l) => l.entityType === 'person' && !l.deleted).map((l) => ({ id: l.entityId, name: l.name })) : [];
  const customers: AttendeeOption[] = uniqueOptions(
    [...(subject?.entityType === 'person' ? [{ id: subject.id, name: subject.name }] : []), ...linkedPeople, ...people].map((p) => ({ key: `p:${p.id}`, kind: 'person', id: p.id, name: p.name })),
  );
  const [attendees, setAttendees] = useState<AttendeeOption[]>(() => (editing ? editing.attendees.map(optionOfAttendee) : [...colleagues.filter((c) => c.id === me.user.id), ...customers]));
  const attendeeOptions = uniqueOptions([...colleagues, ...customers, ...attendees]);
  const [submitted, setSubmitted] = useState(false);
  const pending = create.isPending || update.isPending;
  const saveError = editing ? update.error : create.error;

  const isMeeting = kind === 'meeting';
  const isPlannedCall = kind === 'call';
  const usesRichText = kind === 'note' || kind === 'email' || kind === 'meeting';
  const problems = {
    subject: isMeeting && !subjectText.trim() ? t('activities.subjectRequired') : null,
    body: kind === 'note' && !text ? t('activities.bodyRequired') : null,
    starts: (isMeeting || isPlannedCall) && !startsAt ? t('activities.timeInvalid') : null,
    ends: !isMeeting ? null : !endsAt ? t('activities.timeInvalid') : startsAt && endsAt < startsAt ? t('activities.endsBeforeStart') : null,
  };
  const shown = (p: string | null) => (submitted ? p : null);

  /** Attendees as the API takes them; those already invited keep their answer. */
  const attendeeInputs = () =>
    attendees.map<AttendeeInput>((a) => {
      const existing = editing?.attendees.find((x) => optionOfAttendee(x).key === a.key);
      if (existing) return attendeeInputOf(existing);
      return a.kind === 'user' ? { userId: a.id } : a.kind === 'person' ? { personId: a.id } : { email: a.id, name: a.name };
    });

  /** Only what changed, under the version the dialog was opened with; links stay as they are. */
  const saveEdit = (activity: Activity) => {
    const patch: ActivityPatch = {};
    if (kind !== 'note' && kind !== 'sms' && kind !== 'chat') patch.subject = subjectText.trim() || null;
    if (!usesRichText) patch.bodyText = text.trim();
    else if (html !== initialHtml) patch.bodyHtml = text ? html : null;
    if (isMeeting) Object.assign(patch, { occurredAt: startsAt, endsAt, place: place.trim() || null, reminderMinutes: reminder, attendees: attendeeInputs() });
    if (isPlannedCall) Object.assign(patch, { occurredAt: startsAt, reminderMinutes: reminder });
    if (kind === 'email' || kind === 'sms' || kind === 'chat') patch.direction = direction;
    if (kind === 'email' && address.trim() !== initialAddress) patch.emailAddress = address.trim() || null;
    if (kind === 'sms' && address.trim() !== initialAddress) patch.phone = address.trim() || null;
    if (kind === 'chat') patch.chatChannel = channel;
    const changed = changedFields(activity, patch);
    if (!Object.keys(changed).length) return onClose();
    update.mutate(
      { id: activity.id, version: activity.version, patch: changed },
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

  const submit = () => {
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return;
    if (editing) return saveEdit(editing);
    if (!subject) return;
    const input: ActivityInput = {
      type: isPlannedCall ? 'call' : kind,
      links: [{ entityType: subject.entityType, entityId: subject.id }],
      ...(subjectText.trim() ? { subject: subjectText.trim() } : {}),
      ...(usesRichText && text ? { bodyHtml: html } : {}),
      ...(!usesRichText && text.trim() ? { bodyText: text.trim() } : {}),
    };
    if (isMeeting) {
      Object.assign(input, {
        occurredAt: startsAt,
        endsAt,
        place: place.trim() || null,
        reminderMinutes: reminder,
        attendees: attendeeInputs(),
      });
    }
    if (isPlannedCall) Object.assign(input, { status: 'planned', direction: 'outbound', occurredAt: startsAt, reminderMinutes: reminder });
    if (kind === 'email') Object.assign(input, { direction, emailAddress: address.trim() || null });
    if (kind === 'sms') Object.assign(input, { direction, phone: address.trim() || null });
    if (kind === 'chat') Object.assign(input, { direction, chatChannel: channel });
    create.mutate(
      { input, key },
      {
        onSuccess: () => {
          notify({ key: 'activities.created' }, 'success');
          onClose();
        },
      },
    );
  };

  const directionToggle = (
    <ToggleButtonGroup exclusive fullWidth size="small" color="primary" value={direction} onChange={(_, next: ActivityDirection | null) => next && setDirection(next)} aria-label={t('activities.direction')}>
      <ToggleButton value="outbound" data-testid="composer-outbound">
        {t('activities.directions.outbound')}
      </ToggleButton>
      <ToggleButton value="inbound" data-testid="composer-inbound">
        {t('activities.directions.inbound')}
      </ToggleButton>
    </ToggleButtonGroup>
  );

  return (
    <Dialog open onClose={() => !pending && onClose()} fullScreen={fullScreen} maxWidth="sm" fullWidth transitionDuration={notice ? 0 : undefined} data-testid="activity-composer">
      <Form onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
        <DialogTitle>{editing ? t(`activities.editTitle.${kind}`) : t(`activities.composerTitle.${kind}`)}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            {notice}
            {/* A conflict is the notice's to explain; other failures are shown here. */}
            <FormErrorAlert error={editing && hasStatus(saveError, 409) ? null : saveError} />
            {(kind === 'email' || kind === 'sms' || kind === 'chat') && directionToggle}
            {kind === 'chat' && (
              <TextField select size="small" label={t('activities.channel')} value={channel} onChange={(e) => setChannel(e.target.value as ChatChannel)} slotProps={{ htmlInput: { 'data-testid': 'composer-channel' } }}>
                {CHAT_CHANNELS.map((c) => (
                  <MenuItem key={c} value={c}>
                    {t(`activities.channels.${c}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {(kind === 'email' || kind === 'sms') && (
              <TextField
                size="small"
                label={kind === 'email' ? t('activities.emailAddress') : t('activities.phone')}
                value={address}
                onChange={(e) => setAddress(e.target.value)}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: kind === 'email' ? 'email' : 'tel', 'data-testid': 'composer-address' } }}
              />
            )}
            {kind !== 'note' && kind !== 'sms' && kind !== 'chat' && (
              <TextField
                size="small"
                label={t('activities.subject')}
                value={subjectText}
                onChange={(e) => setSubjectText(e.target.value)}
                required={isMeeting}
                error={Boolean(shown(problems.subject))}
                helperText={shown(problems.subject)}
                slotProps={{ htmlInput: { 'data-testid': 'composer-subject' } }}
              />
            )}
            {(isMeeting || isPlannedCall) && (
              <DateTimeFields label={isMeeting ? t('activities.starts') : t('activities.when')} value={startsAt} onChange={(next) => {
                // Moving the start keeps the meeting's length.
                if (next && startsAt && endsAt) setEndsAt(addMinutes(next, (new Date(endsAt).getTime() - new Date(startsAt).getTime()) / 60_000));
                setStartsAt(next);
              }} testId="composer-starts" error={shown(problems.starts)} />
            )}
            {isMeeting && <DateTimeFields key={startsAt ?? ''} label={t('activities.ends')} value={endsAt} onChange={setEndsAt} testId="composer-ends" error={shown(problems.ends)} />}
            {isMeeting && (
              <Autocomplete
                multiple
                size="small"
                options={attendeeOptions}
                groupBy={(o) => (o.kind === 'user' ? t('activities.colleague') : t('activities.customer'))}
                value={attendees}
                onChange={(_, next) => setAttendees(next)}
                getOptionLabel={(o) => o.name}
                isOptionEqualToValue={(a, b) => a.key === b.key}
                renderValue={(selected, getItemProps) =>
                  selected.map((option, index) => {
                    const { key: itemKey, ...itemProps } = getItemProps({ index });
                    return <Chip key={itemKey} size="small" label={option.name} color={option.kind === 'user' ? 'default' : 'primary'} variant="outlined" {...itemProps} />;
                  })
                }
                renderInput={(params) => <TextField {...params} label={t('activities.attendees')} helperText={t('activities.attendeesHint')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'composer-attendees' } }} />}
              />
            )}
            {isMeeting && <TextField size="small" label={t('activities.place')} value={place} onChange={(e) => setPlace(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'composer-place' } }} />}
            {(isMeeting || isPlannedCall) && <ReminderSelect value={reminder} onChange={setReminder} testId="composer-reminder" />}
            {usesRichText ? (
              <RichTextEditor
                label={kind === 'meeting' ? t('activities.note') : t('activities.body')}
                value={initialHtml}
                onChange={(nextHtml, nextText) => {
                  setHtml(nextHtml);
                  setText(nextText);
                }}
                testId="composer-body"
                minHeight={120}
                error={Boolean(shown(problems.body))}
                helperText={shown(problems.body)}
              />
            ) : (
              <TextField
                label={isPlannedCall ? t('activities.note') : t('activities.body')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                multiline
                minRows={3}
                slotProps={{ htmlInput: { 'data-testid': 'composer-text' } }}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 2, py: 1.5 }}>
          <Button onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={pending} data-testid="composer-submit" sx={{ flex: fullScreen ? 1 : undefined }}>
            {t('activities.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}
