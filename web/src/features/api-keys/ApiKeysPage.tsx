import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import VpnKeyOutlinedIcon from '@mui/icons-material/VpnKeyOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { ConfirmRowActionDialog, DataTable, EmptyState, LtrText, PageHeader, QueryStates, type Column } from '../../shared/ui/index.ts';
import { ApiKeySecretDialog } from './ApiKeySecretDialog.tsx';
import { CreateApiKeyDialog } from './CreateApiKeyDialog.tsx';
import { apiKeyStatus, useApiKeys, useRevokeApiKey, type ApiKey, type CreatedApiKey } from './api-keys.api.ts';

const STATUS_COLOR = { active: 'success', revoked: 'default', expired: 'warning' } as const;

export function ApiKeysPage() {
  const { t } = useT();
  const format = useFormat();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiKey | null>(null);

  const columns: Column<ApiKey>[] = [
    {
      key: 'name',
      header: t('apiKeys.name'),
      minWidth: 200,
      render: (k) => (
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {k.name}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div">
            <LtrText mono>{k.prefix}…</LtrText>
          </Typography>
        </Box>
      ),
    },
    {
      key: 'status',
      header: t('apiKeys.status'),
      render: (k) => {
        const status = apiKeyStatus(k);
        return <Chip size="small" variant="outlined" color={STATUS_COLOR[status]} label={t(`apiKeys.${status}`)} data-testid="api-key-status" />;
      },
    },
    { key: 'created', header: t('apiKeys.createdAt'), render: (k) => format.date(k.createdAt), nowrap: true },
    {
      key: 'lastUsed',
      header: t('apiKeys.lastUsed'),
      render: (k) => (k.lastUsedAt ? <span title={format.dateTime(k.lastUsedAt)}>{format.relative(k.lastUsedAt)}</span> : t('apiKeys.neverUsed')),
      nowrap: true,
    },
    {
      key: 'expires',
      header: t('apiKeys.expires'),
      render: (k) => (k.expiresAt ? format.date(k.expiresAt) : t('common.never')),
      nowrap: true,
    },
  ];

  return (
    <Box data-testid="api-keys-page">
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreateOpen(true)} data-testid="api-key-create">
            {t('apiKeys.create')}
          </Button>
        }
      />

      <Card sx={{ mb: 3, p: 2, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5 }}>
        <Typography variant="body2" color="text.secondary">
          {t('apiKeys.usage')}
        </Typography>
        <Box component="code" dir="ltr" sx={{ px: 1, py: 0.25, borderRadius: 1, bgcolor: 'action.hover', fontSize: 13, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
          Authorization: Bearer pvk_…
        </Box>
        <Link href="/api/docs" target="_blank" rel="noopener" variant="body2" sx={{ marginInlineStart: 'auto' }}>
          {t('apiKeys.docsLink')}
        </Link>
      </Card>

      <Card>
        <QueryStates
          query={keys}
          rows={keys.data}
          empty={
            <EmptyState
              icon={<VpnKeyOutlinedIcon />}
              message={t('apiKeys.empty')}
              action={
                <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setCreateOpen(true)}>
                  {t('apiKeys.create')}
                </Button>
              }
            />
          }
        >
          {(rows) => (
            <Box>
              <DataTable
                rows={rows}
                columns={columns}
                rowKey={(k) => k.id}
                testId="api-keys-list"
                rowTestId="api-key-row"
                actions={(k) =>
                  apiKeyStatus(k) === 'active' ? (
                    <Button size="small" color="error" onClick={() => setToRevoke(k)} data-testid="api-key-revoke">
                      {t('common.revoke')}
                    </Button>
                  ) : null
                }
              />
            </Box>
          )}
        </QueryStates>
      </Card>

      <CreateApiKeyDialog
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(result) => {
          setCreateOpen(false);
          setCreated(result);
        }}
      />
      <ApiKeySecretDialog created={created} onClose={() => setCreated(null)} />
      <ConfirmRowActionDialog
        row={toRevoke}
        title={t('apiKeys.revokeTitle')}
        body={(key) => t('apiKeys.revokeBody', { name: key.name })}
        confirmLabel={t('common.revoke')}
        mutation={revoke}
        doneMessage={(key) => ({ key: 'apiKeys.revokedToast', vars: { name: key.name } })}
        onDone={() => setToRevoke(null)}
      />
    </Box>
  );
}
