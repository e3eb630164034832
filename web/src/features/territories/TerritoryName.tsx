import { useTerritories } from './territories.api.ts';

/** A territory's name by id (archived ones too), for detail pages; nothing while loading. */
export function TerritoryName({ id }: { id: string }) {
  const territories = useTerritories(true);
  return <span data-testid="territory-name-value">{territories.data?.find((x) => x.id === id)?.name ?? ''}</span>;
}
