export { ForecastPage } from './ForecastPage.tsx';
export { SalesMetricsPage } from './SalesMetricsPage.tsx';
