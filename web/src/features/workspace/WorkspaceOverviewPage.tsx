import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import AdminPanelSettingsOutlinedIcon from '@mui/icons-material/AdminPanelSettingsOutlined';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import HistoryOutlinedIcon from '@mui/icons-material/HistoryOutlined';
import ManageAccountsOutlinedIcon from '@mui/icons-material/ManageAccountsOutlined';
import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import PublicIcon from '@mui/icons-material/Public';
import TodayOutlinedIcon from '@mui/icons-material/TodayOutlined';
import VpnKeyOutlinedIcon from '@mui/icons-material/VpnKeyOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT, type TKey } from '../../shared/i18n/index.ts';
import { can, useRoleName, useSession, type Permission } from '../../shared/session/index.ts';
import { LtrText, PageHeader } from '../../shared/ui/index.ts';
import { useMemberCount } from './workspace.api.ts';

type StatProps = { icon: ReactNode; label: string; value: ReactNode; hint?: ReactNode; testId?: string };

function StatCard({ icon, label, value, hint, testId }: StatProps) {
  return (
    <Card sx={{ p: 2.5, height: '100%', display: 'flex', gap: 2, alignItems: 'flex-start' }}>
      <Box
        sx={{
          width: 44,
          height: 44,
          borderRadius: 2.5,
          display: 'grid',
          placeItems: 'center',
          flexShrink: 0,
          color: 'primary.main',
          bgcolor: (theme) => alpha(theme.palette.primary.main, 0.09),
        }}
      >
        {icon}
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h6" component="div" data-testid={testId} sx={{ fontWeight: 700, lineHeight: 1.6, overflowWrap: 'anywhere' }}>
          {value}
        </Typography>
        {hint && (
          <Typography variant="caption" color="text.secondary" component="div">
            {hint}
          </Typography>
        )}
      </Box>
    </Card>
  );
}

type QuickLink = { to: string; icon: ReactNode; title: TKey; description: TKey; testId: string; permission?: Permission };

export function WorkspaceOverviewPage() {
  const me = useSession();
  const { t } = useT();
  const format = useFormat();
  const roleName = useRoleName();
  const members = useMemberCount(can(me, 'members.read'));
  const workspaceName = me.workspace?.name ?? '';
  const now = new Date();

  const allLinks: QuickLink[] = [
    {
      to: '/members',
      icon: <PeopleAltOutlinedIcon />,
      title: 'nav.members',
      description: can(me, 'members.manage') ? 'home.links.members' : 'home.links.membersReadOnly',
      testId: 'home-link-members',
      permission: 'members.read',
    },
    {
      to: '/api-keys',
      icon: <VpnKeyOutlinedIcon />,
      title: 'nav.apiKeys',
      description: 'home.links.apiKeys',
      testId: 'home-link-api-keys',
      permission: 'api_keys.manage',
    },
    {
      to: '/audit-log',
      icon: <HistoryOutlinedIcon />,
      title: 'nav.auditLog',
      description: 'home.links.auditLog',
      testId: 'home-link-audit-log',
      permission: 'audit.read',
    },
    {
      to: '/settings/workspace',
      icon: <ApartmentOutlinedIcon />,
      title: 'nav.workspaceSettings',
      description: 'home.links.workspaceSettings',
      testId: 'home-link-workspace-settings',
      permission: 'workspace.manage',
    },
    {
      to: '/settings/account',
      icon: <ManageAccountsOutlinedIcon />,
      title: 'nav.accountSettings',
      description: 'home.links.accountSettings',
      testId: 'home-link-account-settings',
    },
  ];
  const links = allLinks.filter((l) => !l.permission || can(me, l.permission));

  const memberValue = !can(me, 'members.read') ? (
    t('common.none')
  ) : members.isPending ? (
    <Skeleton width={48} />
  ) : members.isError ? (
    t('common.none')
  ) : (
    `${format.number(members.data.count)}${members.data.more ? '+' : ''}`
  );

  return (
    <Box data-testid="home-page">
      <PageHeader title={t('home.greeting', { name: me.user.name })} subtitle={t('home.intro', { workspace: workspaceName })} />

      <Grid container spacing={2} sx={{ mb: 4 }}>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <StatCard
            icon={<TodayOutlinedIcon />}
            label={t('home.today')}
            value={<span data-testid="today-date">{format.date(now, 'long')}</span>}
            hint={format.weekday(now)}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <StatCard icon={<PeopleAltOutlinedIcon />} label={t('home.members')} value={memberValue} testId="home-member-count" />
        </Grid>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <StatCard icon={<AdminPanelSettingsOutlinedIcon />} label={t('home.yourRole')} value={roleName(me.role)} testId="home-role" />
        </Grid>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <StatCard
            icon={<PublicIcon />}
            label={t('home.calendar')}
            value={me.workspace?.calendar ? t(`calendar.${me.workspace.calendar}`) : t(`calendar.${format.calendar}`)}
            hint={
              format.timeZone ? (
                <>
                  {t('home.timezone')}: <LtrText>{format.timeZone}</LtrText>
                </>
              ) : undefined
            }
          />
        </Grid>
      </Grid>

      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        {t('home.quickLinks')}
      </Typography>
      <Grid container spacing={2}>
        {links.map((link) => (
          <Grid key={link.to} size={{ xs: 12, sm: 6, md: 4 }}>
            <Card sx={{ height: '100%' }}>
              <CardActionArea component={RouterLink} to={link.to} data-testid={link.testId} sx={{ p: 2.5, height: '100%', display: 'flex', alignItems: 'flex-start', justifyContent: 'flex-start', gap: 2 }}>
                <Box sx={{ color: 'primary.main', display: 'flex', pt: 0.25 }}>{link.icon}</Box>
                <Box>
                  <Typography variant="subtitle1" component="div">
                    {t(link.title)}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t(link.description)}
                  </Typography>
                </Box>
              </CardActionArea>
            </Card>
          </Grid>
        ))}
      </Grid>
    </Box>
  );
}
