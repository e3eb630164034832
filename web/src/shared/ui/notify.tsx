import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { useT, type TKey, type TVars } from '../i18n/index.ts';

type Severity = 'success' | 'info' | 'warning' | 'error';
/** A ready sentence (e.g. a server `detail`), or a key translated when shown, so a language switch applies to it too. */
export type ToastMessage = string | { key: TKey; vars?: TVars };
/** A button in the toast, e.g. "Undo" after a delete. */
export type ToastAction = { label: ToastMessage; onClick: () => void; testId?: string };
type Toast = { id: number; message: ToastMessage; severity: Severity; action?: ToastAction };
type Notify = (message: ToastMessage, severity?: Severity, options?: { action?: ToastAction }) => void;

const NotifyContext = createContext<Notify>(() => {});

export function NotifyProvider({ children }: { children: ReactNode }) {
  const { t } = useT();
  const [toast, setToast] = useState<Toast | null>(null);
  const notify = useCallback<Notify>((message, severity = 'success', options) => {
    setToast({ id: Date.now(), message, severity, action: options?.action });
  }, []);
  const text = (message: ToastMessage) => (typeof message === 'string' ? message : t(message.key, message.vars));
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={toast?.id}
        open={toast !== null}
        autoHideDuration={toast?.action ? 9000 : 4000}
        onClose={(_, reason) => {
          if (reason !== 'clickaway') setToast(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {toast ? (
          <Alert
            severity={toast.severity}
            variant="filled"
            onClose={() => setToast(null)}
            data-testid="toast"
            sx={{ width: '100%', alignItems: 'center' }}
            action={
              toast.action ? (
                <Button
                  color="inherit"
                  size="small"
                  variant="outlined"
                  data-testid={toast.action.testId ?? 'toast-action'}
                  onClick={() => {
                    const action = toast.action!;
                    setToast(null);
                    action.onClick();
                  }}
                >
                  {text(toast.action.label)}
                </Button>
              ) : undefined
            }
          >
            {text(toast.message)}
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
