import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import { toLatinDigits } from '#common/text/index.ts';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { OwnerSelect, RecordPicker, type PickedRecord } from '../../shared/records/index.ts';
import { useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, DateInput, Form, FormErrorAlert, useNotify } from '../../shared/ui/index.ts';
import type { LinkInput, LinkRef, Subject } from '../activities/activities.types.ts';
import { ReminderSelect } from '../activities/ReminderSelect.tsx';
import { parseTimeInput } from '../activities/zoned-time.ts';
import { newIdempotencyKey, useDeleteTask, useSaveTask } from './tasks.api.ts';
import { PRIORITY_COLOR } from './TaskRow.tsx';
import { FREQUENCIES, PRIORITIES, type Frequency, type Task, type TaskInput, type TaskPriority } from './tasks.types.ts';

type Props = {
  /** The task to edit, or null for a new one. */
  task: Task | null;
  /** A new task is linked to the page's record. */
  subject?: Subject;
  onClose: () => void;
};

type Link = Pick<LinkRef, 'entityType' | 'entityId' | 'name'>;

/** A new or existing task: title, when it is due, how urgent, whose, about what, a reminder, repetition. */
export function TaskDialog({ task, subject, onClose }: Props) {
  const { t } = useT();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const format = useFormat();
  const me = useSession();
  const notify = useNotify();
  const save = useSaveTask();
  const remove = useDeleteTask();
  const [key] = useState(newIdempotencyKey);
  const [title, setTitle] = useState(task?.title ?? '');
  const [description, setDescription] = useState(task?.description ?? '');
  const [dueDate, setDueDate] = useState<string | null>(task?.dueDate ?? null);
  const [timeText, setTimeText] = useState(task?.dueTime ? format.digits(task.dueTime.slice(0, 5)) : '');
  const [priority, setPriority] = useState<TaskPriority>(task?.priority ?? 'normal');
  const [ownerId, setOwnerId] = useState<string | null>(task?.owner?.id ?? me.user.id);
  const [links, setLinks] = useState<Link[]>(task?.links ?? (subject ? [{ entityType: subject.entityType, entityId: subject.id, name: subject.name }] : []));
  const [linkKind, setLinkKind] = useState<'person' | 'organization'>('person');
  const [reminder, setReminder] = useState<number | null>(task?.reminderMinutes ?? null);
  const [frequency, setFrequency] = useState<Frequency | ''>(task?.recurrence?.frequency ?? '');
  const [interval, setInterval] = useState(format.digits(task?.recurrence?.interval ?? 1));
  const [submitted, setSubmitted] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const dueTime = timeText.trim() ? parseTimeInput(timeText) : null;
  const intervalNumber = Number(toLatinDigits(interval.trim()));
  const problems = {
    title: !title.trim() ? t('tasks.titleRequired') : null,
    time: timeText.trim() && !dueTime ? t('activities.timeInvalid') : dueTime && !dueDate ? t('tasks.timeNeedsDate') : null,
    recurrence: frequency && !dueDate ? t('tasks.recurrenceNeedsDate') : null,
    interval: frequency && !(Number.isInteger(intervalNumber) && intervalNumber >= 1 && intervalNumber <= 365) ? t('tasks.fields.interval') : null,
  };
  const shown = (p: string | null) => (submitted ? p : null);

  const submit = () => {
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return;
    const input: TaskInput = {
      title: title.trim(),
      description: description.trim() || null,
      ownerId,
      dueDate,
      dueTime: dueDate ? dueTime : null,
      priority,
      reminderMinutes: dueDate ? reminder : null,
      recurrence: frequency ? { frequency, interval: intervalNumber, calendar: format.calendar } : null,
      links: links.map<LinkInput>((l) => ({ entityType: l.entityType, entityId: l.entityId })),
    };
    save.mutate(
      { id: task?.id, version: task?.version, input, key },
      {
        onSuccess: (saved) => {
          notify(task ? { key: 'tasks.saved' } : { key: 'tasks.created', vars: { title: saved.title } }, 'success');
          onClose();
        },
      },
    );
  };

  const addLink = (picked: PickedRecord | null) => {
    if (!picked || links.some((l) => l.entityId === picked.id)) return;
    setLinks([...links, { entityType: linkKind, entityId: picked.id, name: picked.title }]);
  };

  return (
    <Dialog open onClose={() => !save.isPending && onClose()} fullScreen={fullScreen} maxWidth="sm" fullWidth data-testid="task-dialog">
      <Form onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
        <DialogTitle sx={{ display: 'flex', alignItems: 'center' }}>
          <Box sx={{ flex: 1 }}>{task ? t('tasks.dialogEdit') : t('tasks.dialogNew')}</Box>
          {task && (
            <Tooltip title={t('tasks.delete')}>
              <IconButton onClick={() => setConfirmingDelete(true)} aria-label={t('tasks.delete')} data-testid="task-delete">
                <DeleteOutlineIcon />
              </IconButton>
            </Tooltip>
          )}
        </DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <FormErrorAlert error={save.error} />
            <TextField
              autoFocus
              size="small"
              label={t('tasks.fields.title')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
              error={Boolean(shown(problems.title))}
              helperText={shown(problems.title)}
              slotProps={{ htmlInput: { 'data-testid': 'task-title-input', maxLength: 300 } }}
            />
            <Box sx={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 1.5 }}>
              <DateInput label={t('tasks.fields.dueDate')} size="small" value={dueDate} onChange={setDueDate} testId="task-due-date" />
              <TextField
                size="small"
                label={t('tasks.fields.dueTime')}
                value={timeText}
                placeholder={format.digits('14:30')}
                onChange={(e) => setTimeText(e.target.value)}
                error={Boolean(shown(problems.time))}
                helperText={shown(problems.time) ?? t('common.optional')}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric', 'data-testid': 'task-due-time' } }}
              />
            </Box>
            <Box>
              <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                {t('tasks.fields.priority')}
              </Typography>
              <ToggleButtonGroup exclusive size="small" fullWidth value={priority} onChange={(_, next: TaskPriority | null) => next && setPriority(next)} aria-label={t('tasks.fields.priority')}>
                {PRIORITIES.map((p) => (
                  <ToggleButton key={p} value={p} data-testid={`task-priority-${p}`} sx={(th) => ({ '&.Mui-selected': { color: PRIORITY_COLOR[p](th), borderColor: PRIORITY_COLOR[p](th), fontWeight: 700 } })}>
                    {t(`tasks.priorities.${p}`)}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Box>
            <OwnerSelect size="small" value={ownerId} onChange={setOwnerId} allowNone={false} testId="task-owner" label={t('tasks.fields.owner')} />
            <Box>
              <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                {t('tasks.fields.links')}
              </Typography>
              {links.length > 0 && (
                <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap', mb: 1 }}>
                  {links.map((l) => (
                    <Chip key={`${l.entityType}:${l.entityId}`} size="small" label={l.name} onDelete={() => setLinks(links.filter((x) => x !== l))} data-testid="task-link-chip" />
                  ))}
                </Box>
              )}
              <Box sx={{ display: 'flex', gap: 1 }}>
                <TextField select size="small" value={linkKind} onChange={(e) => setLinkKind(e.target.value as 'person' | 'organization')} sx={{ width: 120, flexShrink: 0 }} aria-label={t('tasks.fields.links')}>
                  <MenuItem value="person">{t('tasks.linkPerson')}</MenuItem>
                  <MenuItem value="organization">{t('tasks.linkOrganization')}</MenuItem>
                </TextField>
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <RecordPicker key={`${linkKind}-${links.length}`} kind={linkKind} value={null} onChange={addLink} label={t('tasks.fields.links')} excludeIds={links.map((l) => l.entityId)} testId="task-link-picker" />
                </Box>
              </Box>
            </Box>
            <ReminderSelect value={reminder} onChange={setReminder} testId="task-reminder" disabled={!dueDate} />
            <Box sx={{ display: 'grid', gridTemplateColumns: frequency ? '3fr 2fr' : '1fr', gap: 1.5 }}>
              <TextField
                select
                size="small"
                label={t('tasks.fields.recurrence')}
                value={frequency}
                onChange={(e) => setFrequency(e.target.value as Frequency | '')}
                error={Boolean(shown(problems.recurrence))}
                helperText={shown(problems.recurrence) ?? (frequency === 'monthly' || frequency === 'yearly' ? t('tasks.calendarNote', { calendar: t(`tasks.calendars.${format.calendar}`) }) : undefined)}
                slotProps={{ htmlInput: { 'data-testid': 'task-recurrence' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                <MenuItem value="">{t('tasks.recurrences.none')}</MenuItem>
                {FREQUENCIES.map((f) => (
                  <MenuItem key={f} value={f}>
                    {t(`tasks.recurrences.${f}`)}
                  </MenuItem>
                ))}
              </TextField>
              {frequency && (
                <TextField
                  size="small"
                  label={t('tasks.fields.interval')}
                  value={interval}
                  onChange={(e) => setInterval(e.target.value)}
                  error={Boolean(shown(problems.interval))}
                  helperText={Number.isInteger(intervalNumber) && intervalNumber >= 1 ? t(`tasks.every.${frequency}`, { count: format.number(intervalNumber) }) : undefined}
                  slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric', 'data-testid': 'task-interval' } }}
                />
              )}
            </Box>
            <TextField label={t('tasks.fields.description')} value={description} onChange={(e) => setDescription(e.target.value)} multiline minRows={2} slotProps={{ htmlInput: { 'data-testid': 'task-description' } }} />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 2, py: 1.5 }}>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending} data-testid="task-save" sx={{ flex: fullScreen ? 1 : undefined }}>
            {task ? t('common.save') : t('common.create')}
          </Button>
        </DialogActions>
      </Form>
      {task && (
        <ConfirmDialog
          open={confirmingDelete}
          title={t('tasks.delete')}
          body={task.title}
          confirmLabel={t('common.delete')}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setConfirmingDelete(false)}
          onConfirm={() =>
            remove.mutate(task.id, {
              onSuccess: () => {
                notify({ key: 'tasks.deleted', vars: { title: task.title } }, 'info');
                onClose();
              },
            })
          }
        />
      )}
    </Dialog>
  );
}
