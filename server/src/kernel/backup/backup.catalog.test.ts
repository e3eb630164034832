import { describe, expect, test } from 'vitest';
import { orderByForeignKeys } from './backup.catalog.ts';

const fk = (table: string, references: string) => ({ table, references });

describe('orderByForeignKeys', () => {
  test('puts every referenced table before the tables referencing it', () => {
    const keys = [fk('memberships', 'users'), fk('memberships', 'workspaces'), fk('roles', 'workspaces'), fk('sessions', 'users')];
    const { order, cyclic } = orderByForeignKeys(['sessions', 'roles', 'memberships', 'workspaces', 'users'], keys);
    for (const key of keys) expect(order.indexOf(key.references)).toBeLessThan(order.indexOf(key.table));
    expect(order).toEqual(['users', 'sessions', 'workspaces', 'memberships', 'roles']);
    expect(cyclic.size).toBe(0);
  });

  test('reports the foreign keys of cycles and self-references, and still orders the rest', () => {
    const selfReference = fk('organisations', 'organisations');
    const toPeople = fk('organisations', 'people');
    const toOrganisations = fk('people', 'organisations');
    const keys = [selfReference, toPeople, toOrganisations, fk('people', 'workspaces'), fk('deals', 'people')];
    const { order, cyclic } = orderByForeignKeys(['deals', 'people', 'organisations', 'workspaces'], keys);
    expect([...cyclic]).toEqual([selfReference, toPeople, toOrganisations]);
    expect(order).toEqual(['workspaces', 'organisations', 'people', 'deals']);
  });

  test('gives the same order whatever order the catalog lists tables in', () => {
    const keys = [fk('b', 'a'), fk('c', 'a')];
    expect(orderByForeignKeys(['c', 'b', 'a', 'd'], keys).order).toEqual(orderByForeignKeys(['a', 'd', 'b', 'c'], keys).order);
  });
});
