import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import { ErrorState } from './ErrorState.tsx';
import { LoadingState } from './LoadingState.tsx';

type Query = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

type Props<T> = {
  query: Query;
  /** The rows once loaded (e.g. the pages of an infinite query flattened). */
  rows: T[] | undefined;
  empty: ReactNode;
  loadingMinHeight?: number;
  children: (rows: T[]) => ReactNode;
};

/** A list inside a card: loading, a failed load with a retry, the empty state, or the rows. */
export function QueryStates<T>({ query, rows, empty, loadingMinHeight, children }: Props<T>) {
  if (query.isPending) return <LoadingState minHeight={loadingMinHeight} />;
  if (query.isError) {
    return (
      <Box sx={{ p: 2 }}>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Box>
    );
  }
  if (!rows?.length) return <>{empty}</>;
  return <>{children(rows)}</>;
}
