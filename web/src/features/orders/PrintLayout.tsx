import { Suspense } from 'react';
import { Outlet } from 'react-router';

/** Printable pages: no navigation, no app bar; just the page (loaded as its own chunk). */
export function PrintLayout() {
  return (
    <Suspense fallback={null}>
      <Outlet />
    </Suspense>
  );
}
