import type { CalendarKind, Locale } from '#common/calendar/index.ts';

export type MeUser = {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  calendar: CalendarKind;
};

export type MeWorkspace = {
  id: string;
  name: string;
  slug?: string;
  defaultLocale?: Locale;
  calendar?: CalendarKind;
  timezone?: string;
  /** Sales settings (see sales-settings.ts): read them through useSalesSettings(). */
  defaultCurrency?: string;
  moneyDisplay?: 'toman' | 'rial';
  fiscalYearStartMonth?: number;
  vatRate?: string;
};

export type MeWorkspaceEntry = {
  id: string;
  name: string;
  slug?: string;
  role?: string;
};

/** GET /api/v1/me */
export type Me = {
  user: MeUser;
  workspace: MeWorkspace | null;
  role: string | null;
  permissions: string[];
  workspaces: MeWorkspaceEntry[];
};
