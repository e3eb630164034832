import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, faIR } from '@mui/material/locale';
import type { UiLocale } from '../shared/i18n/index.ts';
import { directionOf } from '../shared/i18n/index.ts';

const FONT_STACK = ['Vazirmatn', 'system-ui', '-apple-system', '"Segoe UI"', 'Roboto', 'Tahoma', 'sans-serif'].join(',');

export const DRAWER_WIDTH = 256;

/** One theme, mirrored for Persian. Deep teal primary, indigo secondary, calm neutral surfaces. */
export function createAppTheme(locale: UiLocale): Theme {
  return createTheme(
    {
      direction: directionOf(locale),
      palette: {
        mode: 'light',
        primary: { main: '#0d5c63', light: '#3f8a90', dark: '#07393d', contrastText: '#ffffff' },
        secondary: { main: '#4f4fc4', contrastText: '#ffffff' },
        background: { default: '#f4f6f8', paper: '#ffffff' },
        text: { primary: '#1b2429', secondary: '#5b6870' },
        divider: 'rgba(16, 42, 48, 0.12)',
        success: { main: '#2e7d4f' },
        warning: { main: '#b26a00' },
        error: { main: '#c62828' },
      },
      shape: { borderRadius: 10 },
      typography: {
        fontFamily: FONT_STACK,
        fontSize: 14,
        h4: { fontWeight: 700 },
        h5: { fontWeight: 700, fontSize: '1.45rem' },
        h6: { fontWeight: 600, fontSize: '1.1rem' },
        subtitle1: { fontWeight: 600 },
        button: { textTransform: 'none', fontWeight: 600, letterSpacing: 0 },
        // Persian script needs a little more line height than Latin.
        body1: { lineHeight: locale === 'fa' ? 1.8 : 1.6 },
        body2: { lineHeight: locale === 'fa' ? 1.75 : 1.55 },
      },
      components: {
        MuiCssBaseline: {
          styleOverrides: {
            body: { WebkitFontSmoothing: 'antialiased' },
            'input, textarea, select, button': { fontFamily: 'inherit' },
          },
        },
        MuiButton: {
          defaultProps: { disableElevation: true },
          styleOverrides: { root: { borderRadius: 8, paddingInline: 16 } },
        },
        MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
        MuiPaper: { styleOverrides: { rounded: { borderRadius: 12 } } },
        MuiCard: {
          defaultProps: { variant: 'outlined' },
          styleOverrides: { root: { borderRadius: 12 } },
        },
        MuiTextField: { defaultProps: { fullWidth: true } },
        MuiTableCell: {
          styleOverrides: {
            head: { fontWeight: 600, color: '#5b6870', backgroundColor: '#f8fafb', fontSize: '0.8rem' },
          },
        },
        MuiListItemButton: {
          styleOverrides: {
            root: {
              borderRadius: 8,
              marginInline: 8,
              '&.Mui-selected': { backgroundColor: 'rgba(13, 92, 99, 0.1)', color: '#0d5c63' },
              '&.Mui-selected .MuiListItemIcon-root': { color: '#0d5c63' },
            },
          },
        },
        MuiDialogTitle: { styleOverrides: { root: { fontWeight: 700 } } },
        MuiDialogActions: { styleOverrides: { root: { padding: '8px 24px 16px', gap: 8 } } },
        MuiChip: { styleOverrides: { root: { fontWeight: 500 } } },
        MuiTooltip: { defaultProps: { arrow: true } },
      },
    },
    locale === 'fa' ? faIR : enUS,
  );
}
