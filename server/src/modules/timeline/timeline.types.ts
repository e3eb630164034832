export type TimelineSubjectType = 'person' | 'organization' | 'lead';

/** The record whose story is told, with the ids of records merged into it (their history counts). */
export type TimelineSubject = { entityType: TimelineSubjectType; id: string; ids: string[] };

export type TimelineItem = {
  id: string;
  occurredAt: Date;
  /** Which module fed it: 'audit' today; notes, activities, deals, tickets, campaigns later. */
  source: string;
  kind: string;
  actor: { type: string; id: string | null; name: string | null } | null;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
};

export type TimelinePage = { before?: { at: Date; id: string }; limit: number };

/** A module that contributes items to customer timelines. Items newest first, at most `limit`. */
export type TimelineProvider = {
  source: string;
  fetch(workspaceId: string, subject: TimelineSubject, page: TimelinePage): Promise<TimelineItem[]>;
};
