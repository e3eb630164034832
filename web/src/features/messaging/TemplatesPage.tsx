import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import SmsOutlinedIcon from '@mui/icons-material/SmsOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { ConfirmDialog, EmptyState, PageHeader, QueryStates, useNotify } from '../../shared/ui/index.ts';
import { useDeleteTemplate, useTemplates, type MessageTemplate, type TemplateChannel } from './messaging.api.ts';
import { TemplateDialog } from './TemplateDialog.tsx';

/** A short plain-text glimpse of a template body. */
function snippet(body: string, max = 160): string {
  const text = body.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** /settings/templates: email and SMS templates; those with messaging.configure create and edit them. */
export function TemplatesPage() {
  const { t } = useT();
  const me = useSession();
  const format = useFormat();
  const notify = useNotify();
  const canConfigure = can(me, 'messaging.configure');
  const [channel, setChannel] = useState<TemplateChannel>('email');
  const [editing, setEditing] = useState<MessageTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MessageTemplate | null>(null);
  const templates = useTemplates(channel);
  const remove = useDeleteTemplate();

  return (
    <Box data-testid="templates-page">
      <PageHeader
        title={t('messaging.templates.title')}
        subtitle={t('messaging.templates.subtitle')}
        actions={
          canConfigure ? (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="template-new">
              {channel === 'email' ? t('messaging.templates.newEmail') : t('messaging.templates.newSms')}
            </Button>
          ) : undefined
        }
      />
      <Card>
        <Tabs value={channel} onChange={(_, v: TemplateChannel) => setChannel(v)} sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Tab value="email" icon={<EmailOutlinedIcon fontSize="small" />} iconPosition="start" label={t('messaging.templates.emailTab')} data-testid="templates-tab-email" />
          <Tab value="sms" icon={<SmsOutlinedIcon fontSize="small" />} iconPosition="start" label={t('messaging.templates.smsTab')} data-testid="templates-tab-sms" />
        </Tabs>
        <QueryStates
          query={templates}
          rows={templates.data}
          empty={
            <EmptyState
              icon={channel === 'email' ? <EmailOutlinedIcon /> : <SmsOutlinedIcon />}
              title={t('messaging.templates.emptyTitle')}
              message={canConfigure ? t('messaging.templates.emptyBody') : t('messaging.templates.emptyReadOnly')}
              testId="templates-empty"
            />
          }
        >
          {(rows) => (
            <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="template-list">
              {rows.map((tpl) => (
                <Box component="li" key={tpl.id} data-testid="template-row" sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', px: 2, py: 1.5, borderBottom: 1, borderColor: 'divider' }}>
                  <Box sx={{ flex: 1, minWidth: 0 }}>
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                      <Typography sx={{ fontWeight: 700 }} data-testid="template-row-name">
                        {tpl.name}
                      </Typography>
                      <Chip size="small" label={tpl.locale === 'en' ? t('messaging.templates.localeEn') : t('messaging.templates.localeFa')} />
                    </Box>
                    {tpl.subject && (
                      <Typography variant="body2" sx={{ mt: 0.25 }} dir="auto">
                        {tpl.subject}
                      </Typography>
                    )}
                    <Typography variant="body2" color="text.secondary" sx={{ mt: 0.25, overflowWrap: 'anywhere' }} dir="auto">
                      {snippet(tpl.body)}
                    </Typography>
                    {tpl.updatedAt && (
                      <Typography variant="caption" color="text.secondary">
                        {t('messaging.templates.updated', { when: format.relative(tpl.updatedAt) })}
                      </Typography>
                    )}
                  </Box>
                  {canConfigure && (
                    <Box sx={{ display: 'flex', gap: 0.5 }}>
                      <Tooltip title={t('messaging.templates.edit')}>
                        <IconButton onClick={() => setEditing(tpl)} aria-label={t('messaging.templates.edit')} data-testid="template-edit">
                          <EditOutlinedIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                      <Tooltip title={t('common.delete')}>
                        <IconButton onClick={() => setDeleting(tpl)} aria-label={t('common.delete')} data-testid="template-delete">
                          <DeleteOutlineIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </Box>
                  )}
                </Box>
              ))}
            </Box>
          )}
        </QueryStates>
      </Card>
      {editing && <TemplateDialog key={editing === 'new' ? 'new' : editing.id} channel={editing === 'new' ? channel : editing.channel} template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={t('messaging.templates.deleteTitle')}
        body={t('messaging.templates.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        destructive
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notify({ key: 'messaging.templates.deleted' });
            },
          })
        }
      />
    </Box>
  );
}
