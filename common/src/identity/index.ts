export { isIranianMobile, normalizeIranianPhone } from './phone.ts';
export { isValidIranianLegalId, isValidIranianNationalId } from './national-id.ts';
