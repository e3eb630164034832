import RequestQuoteOutlinedIcon from '@mui/icons-material/RequestQuoteOutlined';
import { DocumentsListPage } from '../orders/DocumentsListPage.tsx';

export function QuotesListPage() {
  return <DocumentsListPage kind="quote" icon={<RequestQuoteOutlinedIcon />} />;
}
