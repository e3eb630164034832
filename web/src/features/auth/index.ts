export { AuthLayout } from './AuthLayout.tsx';
export { useSignOut } from './auth.api.ts';
