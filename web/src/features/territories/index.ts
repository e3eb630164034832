export { TerritorySelect } from './TerritorySelect.tsx';
export { TerritoryName } from './TerritoryName.tsx';
export { useTerritories, type Territory, type Team, type Coverage } from './territories.api.ts';
