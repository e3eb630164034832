export { ApiError, isApiError, hasStatus, type FieldError } from './api-error.ts';
export { api, apiRequest, newIdempotencyKey, type Page, type RequestOptions } from './client.ts';
