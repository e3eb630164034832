export { FormatPrefsProvider, defaultCalendarFor, makeFormatters, useFormat, type FormatPrefs, type Formatters } from './format.tsx';
