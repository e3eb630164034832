import { useT } from '../../shared/i18n/index.ts';
import type { ImportEntityType } from './imports.api.ts';

/** «اشخاص», «سفارش‌ها (هر سطر یک قلم)» …: what an import brings in. */
export function useImportEntityLabel(): (type: ImportEntityType) => string {
  const { t } = useT();
  return (type) => (type === 'order' ? t('orders.importEntity') : t(`imports.entityTypes.${type}`));
}

/** «دیدن اشخاص», «رفتن به سفارش‌ها»: the button after a finished import. */
export function useOpenListLabel(): (type: ImportEntityType) => string {
  const { t } = useT();
  return (type) => (type === 'order' ? t('orders.openImported') : t(`imports.openList.${type}`));
}
