import { Link as RouterLink } from 'react-router';
import Button from '@mui/material/Button';
import FileUploadOutlinedIcon from '@mui/icons-material/FileUploadOutlined';
import ReceiptLongOutlinedIcon from '@mui/icons-material/ReceiptLongOutlined';
import { useT } from '../../shared/i18n/index.ts';
import { can, useSession } from '../../shared/session/index.ts';
import { DocumentsListPage } from './DocumentsListPage.tsx';

export function OrdersListPage() {
  const { t } = useT();
  const me = useSession();
  return (
    <DocumentsListPage
      kind="order"
      icon={<ReceiptLongOutlinedIcon />}
      extraActions={
        can(me, 'records.import') && (
          <Button variant="outlined" startIcon={<FileUploadOutlinedIcon />} component={RouterLink} to="/imports/new?entityType=order" data-testid="orders-import">
            {t('orders.importOrders')}
          </Button>
        )
      }
    />
  );
}
