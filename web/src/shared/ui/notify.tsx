import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { useT, type TKey, type TVars } from '../i18n/index.ts';

type Severity = 'success' | 'info' | 'warning' | 'error';
/** A ready sentence (e.g. a server `detail`), or a key translated when shown, so a language switch applies to it too. */
export type ToastMessage = string | { key: TKey; vars?: TVars };
type Toast = { id: number; message: ToastMessage; severity: Severity };
type Notify = (message: ToastMessage, severity?: Severity) => void;

const NotifyContext = createContext<Notify>(() => {});

export function NotifyProvider({ children }: { children: ReactNode }) {
  const { t } = useT();
  const [toast, setToast] = useState<Toast | null>(null);
  const notify = useCallback<Notify>((message, severity = 'success') => {
    setToast({ id: Date.now(), message, severity });
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={toast?.id}
        open={toast !== null}
        autoHideDuration={4000}
        onClose={(_, reason) => {
          if (reason !== 'clickaway') setToast(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {toast ? (
          <Alert severity={toast.severity} variant="filled" onClose={() => setToast(null)} data-testid="toast" sx={{ width: '100%' }}>
            {typeof toast.message === 'string' ? toast.message : t(toast.message.key, toast.message.vars)}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}

/** Show a short confirmation ("saved", "revoked") at the bottom of the screen. */
export function useNotify(): Notify {
  return useContext(NotifyContext);
}
