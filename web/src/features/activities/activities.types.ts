/*
 * Activities as the API returns them (docs/design/activities-modules.md, "activities").
 * Times are UTC ISO strings; the screens show them in the workspace's zone and the user's calendar.
 */

export type ActivityType = 'call' | 'meeting' | 'email' | 'sms' | 'chat' | 'note';
export type ActivityStatus = 'planned' | 'done' | 'cancelled';
export type ActivityDirection = 'inbound' | 'outbound';
export type CallOutcome = 'connected' | 'no_answer' | 'busy' | 'voicemail' | 'wrong_number' | 'callback_requested';
export type ChatChannel = 'whatsapp' | 'telegram' | 'bale' | 'eitaa' | 'rubika' | 'instagram' | 'website' | 'other';
export type DeliveryStatus = 'queued' | 'sent' | 'failed';
export type LinkedEntityType = 'person' | 'organization' | 'lead' | 'deal';

export const ACTIVITY_TYPES: readonly ActivityType[] = ['call', 'meeting', 'email', 'sms', 'chat', 'note'];
export const CALL_OUTCOMES: readonly CallOutcome[] = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'callback_requested'];
export const CHAT_CHANNELS: readonly ChatChannel[] = ['whatsapp', 'telegram', 'bale', 'eitaa', 'rubika', 'instagram', 'website', 'other'];

export type UserRef = { id: string; name: string };
export type LinkRef = { entityType: LinkedEntityType; entityId: string; name: string; deleted: boolean };
export type LinkInput = { entityType: LinkedEntityType; entityId: string };

export type Attendee = { id: string; userId: string | null; personId: string | null; email: string | null; name: string; response: string };
/** `response` carries an attendee's answer over an edit (attendees replace); new ones start at 'needs_action'. */
export type AttendeeInput = ({ userId: string } | { personId: string } | { email: string; name?: string }) & { response?: string };

export type Activity = {
  id: string;
  type: ActivityType;
  status: ActivityStatus;
  subject: string | null;
  /** Sanitised by the server before it was stored. */
  bodyHtml: string | null;
  bodyText: string;
  direction: ActivityDirection | null;
  occurredAt: string;
  endsAt: string | null;
  durationSeconds: number | null;
  callOutcome: CallOutcome | null;
  phone: string | null;
  place: string | null;
  chatChannel: ChatChannel | null;
  emailAddress: string | null;
  deliveryStatus: DeliveryStatus | null;
  deliveryError: string | null;
  deliveredAt: string | null;
  templateId: string | null;
  reminderMinutes: number | null;
  owner: UserRef | null;
  createdBy: UserRef | null;
  links: LinkRef[];
  attendees: Attendee[];
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** The record a page is about: what new activities and tasks are linked to. */
export type Subject = { entityType: LinkedEntityType; id: string; name: string };

export type CallLogInput = {
  personId?: string;
  links?: LinkInput[];
  phone?: string;
  direction: ActivityDirection;
  durationSeconds?: number;
  callOutcome?: CallOutcome;
  note?: string;
  occurredAt?: string;
};

export type ActivityInput = {
  type: ActivityType;
  status?: ActivityStatus;
  subject?: string | null;
  bodyHtml?: string | null;
  bodyText?: string;
  direction?: ActivityDirection | null;
  occurredAt?: string;
  endsAt?: string | null;
  durationSeconds?: number | null;
  phone?: string | null;
  place?: string | null;
  chatChannel?: ChatChannel | null;
  emailAddress?: string | null;
  reminderMinutes?: number | null;
  links: LinkInput[];
  attendees?: AttendeeInput[];
};

/** An edit (PATCH): any writable field; `links` and `attendees`, when present, replace the old ones. */
export type ActivityPatch = Partial<Omit<ActivityInput, 'type' | 'links'>> & { callOutcome?: CallOutcome | null; links?: LinkInput[] };
