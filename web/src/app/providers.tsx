import { useMemo, type ReactNode } from 'react';
import { CacheProvider } from '@emotion/react';
import createCache from '@emotion/cache';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiError } from '../shared/api/index.ts';
import { useT } from '../shared/i18n/index.ts';
import { meQueryKey } from '../shared/session/index.ts';
import { NotifyProvider } from '../shared/ui/index.ts';
import { createAppTheme } from './theme.ts';

// Two Emotion caches: the RTL one mirrors every style (margin-left → margin-right, …).
const rtlCache = createCache({ key: 'muirtl', stylisPlugins: [prefixer, rtlPlugin] });
const ltrCache = createCache({ key: 'muiltr', stylisPlugins: [prefixer] });

export function createAppQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A session that expired mid-use: re-check who we are, which sends the user to sign-in.
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== meQueryKey[0]) {
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

function DirectionalTheme({ children }: { children: ReactNode }) {
  const { locale } = useT();
  const theme = useMemo(() => createAppTheme(locale), [locale]);
  return (
    <CacheProvider value={locale === 'fa' ? rtlCache : ltrCache}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </CacheProvider>
  );
}

export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <DirectionalTheme>
        <NotifyProvider>{children}</NotifyProvider>
      </DirectionalTheme>
    </QueryClientProvider>
  );
}
