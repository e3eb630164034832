import { useEffect, useMemo, type ReactNode } from 'react';
import { Navigate, Outlet, ScrollRestoration, useLocation, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import { FormatPrefsProvider } from '../shared/format/index.ts';
import { setUiLocale } from '../shared/i18n/index.ts';
import { SessionContext, can, useMeQuery, useSession, type Permission } from '../shared/session/index.ts';
import { ErrorState, LoadingState, safeNextPath } from '../shared/ui/index.ts';
import { ForbiddenPage } from './shell/StatusPages.tsx';

/**
 * Above every route: asks the server who we are (GET /me), follows the user's language,
 * and gives dates the user's calendar and the workspace's time zone.
 */
export function RootLayout() {
  const me = useMeQuery();
  const user = me.data?.user;
  const userLocale = user?.locale;

  useEffect(() => {
    if (userLocale === 'fa' || userLocale === 'en') void setUiLocale(userLocale);
  }, [userLocale]);

  const prefs = useMemo(
    () => ({ calendar: user?.calendar, timeZone: me.data?.workspace?.timezone }),
    [user?.calendar, me.data?.workspace?.timezone],
  );

  return (
    <FormatPrefsProvider value={prefs}>
      <ScrollRestoration />
      <Outlet />
    </FormatPrefsProvider>
  );
}

function FullPage({ children }: { children: ReactNode }) {
  return <Box sx={{ minHeight: '100dvh', display: 'grid', placeItems: 'center', p: 2 }}>{children}</Box>;
}

/** The signed-in part: 401 on /me sends the user to sign-in and back here afterwards. */
export function RequireAuth() {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) {
    return (
      <FullPage>
        <LoadingState />
      </FullPage>
    );
  }
  if (me.isError) {
    return (
      <FullPage>
        <Box sx={{ maxWidth: 480, width: '100%' }}>
          <ErrorState error={me.error} onRetry={() => void me.refetch()} />
        </Box>
      </FullPage>
    );
  }
  if (!me.data) {
    const here = `${location.pathname}${location.search}`;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }
  return (
    <SessionContext.Provider value={me.data}>
      <Outlet />
    </SessionContext.Provider>
  );
}

/** Sign-in, sign-up, forgot password: a signed-in user goes straight on. */
export function PublicOnly() {
  const me = useMeQuery();
  const [params] = useSearchParams();
  if (me.isPending) {
    return (
      <FullPage>
        <LoadingState />
      </FullPage>
    );
  }
  if (me.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return <Outlet />;
}

/** Sections behind a permission: hidden from the navigation, and refused here if reached by URL. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const me = useSession();
  return can(me, permission) ? <Outlet /> : <ForbiddenPage />;
}
