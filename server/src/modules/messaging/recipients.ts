import { isIranianMobile, normalizeIranianPhone } from '#common/identity/phone.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { messagingErrors } from './messaging.errors.ts';
import { recipientsRepository as repo, type PersonRow } from './messaging.repository.ts';
import type { PlaceholderValues } from './messaging.render.ts';

/** A phone as people read it: Iranian numbers in national form (0912…), others in E.164. */
export function displayPhone(e164: string): string {
  return e164.startsWith('+98') ? `0${e164.slice(3)}` : e164;
}

/** The entry marked primary, else the first. */
function primaryOf<T extends { value: string; primary?: boolean }>(entries: T[]): T | undefined {
  return entries.find((e) => e.primary && e.value) ?? entries.find((e) => e.value);
}

export function primaryEmail(person: PersonRow): string | null {
  return primaryOf(person.emails ?? [])?.value ?? null;
}

/**
 * The number an SMS goes to: the primary phone if it can take SMS, else the first one that can.
 * Iranian landlines cannot; a foreign number is given the benefit of the doubt.
 */
export function smsNumber(person: PersonRow): string | null {
  const canTakeSms = (value: string) => {
    const e164 = normalizeIranianPhone(value);
    return e164 !== null && (!e164.startsWith('+98') || isIranianMobile(e164));
  };
  const phones = (person.phones ?? []).filter((p) => p.value && canTakeSms(p.value));
  const chosen = primaryOf(phones);
  return chosen ? normalizeIranianPhone(chosen.value) : null;
}

/** A live person of this workspace with the values of every placeholder. */
export async function loadRecipient(db: Executor, workspaceId: string, personId: string): Promise<{ person: PersonRow; values: PlaceholderValues }> {
  const person = await repo.person(db, workspaceId, personId);
  if (!person) throw messagingErrors.person_not_found();
  // One after another: inside a transaction (and on PGlite) there is a single connection anyway.
  const organization = await repo.organizationName(db, workspaceId, person.id);
  const ownerName = await repo.userName(db, person.ownerId);
  const workspace = await repo.workspaceName(db, workspaceId);
  const phone = primaryOf(person.phones ?? [])?.value ?? null;
  const values: PlaceholderValues = {
    first_name: person.firstName || null,
    last_name: person.lastName || null,
    full_name: [person.firstName, person.lastName].filter(Boolean).join(' ') || null,
    organization,
    job_title: person.jobTitle,
    owner_name: ownerName,
    workspace,
    email: primaryEmail(person),
    phone: phone ? displayPhone(phone) : null,
  };
  return { person, values };
}
