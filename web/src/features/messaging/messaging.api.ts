import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, newIdempotencyKey } from '../../shared/api/index.ts';

export type TemplateChannel = 'email' | 'sms';

/** A reusable message with `{{first_name}}`-style placeholders (server: messaging). */
export type MessageTemplate = {
  id: string;
  channel: TemplateChannel;
  name: string;
  subject: string | null;
  /** Email: sanitised HTML; SMS: plain text. Both may hold placeholders. */
  body: string;
  locale: string;
  placeholders: string[];
  version: number;
  createdAt?: string;
  updatedAt?: string;
};

export type TemplateInput = { channel: TemplateChannel; name: string; subject?: string | null; body: string; locale: string };

export type PreviewInput = { templateId?: string; subject?: string | null; body?: string; channel?: TemplateChannel; personId: string };
export type PreviewResult = { subject: string | null; html: string | null; text: string; missing: string[] };

/** The placeholders the server knows, in the order the palette offers them. */
export const PLACEHOLDERS = ['first_name', 'last_name', 'full_name', 'organization', 'job_title', 'owner_name', 'workspace', 'email', 'phone'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const TEMPLATES = ['message-templates'] as const;

export function useTemplates(channel?: TemplateChannel) {
  return useQuery({
    queryKey: [...TEMPLATES, channel ?? 'all'],
    queryFn: async () => {
      const page = await api.get<{ items: MessageTemplate[] }>('/api/v1/message-templates', { channel });
      return page.items.filter((tpl) => !channel || tpl.channel === channel);
    },
  });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: string; version?: number; input: TemplateInput }) =>
      id
        ? api.patch<MessageTemplate>(`/api/v1/message-templates/${encodeURIComponent(id)}`, { ...withoutChannel(input), version })
        : api.post<MessageTemplate>('/api/v1/message-templates', input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEMPLATES }),
  });
}

/** The channel of a template is fixed once created. */
function withoutChannel(input: TemplateInput): Omit<TemplateInput, 'channel'> {
  const { channel: _channel, ...rest } = input;
  return rest;
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/message-templates/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEMPLATES }),
  });
}

/** Renders a template (saved, or the text being edited) for one person; `missing` lists placeholders without a value. */
export function previewTemplate(input: PreviewInput) {
  return api.post<PreviewResult>('/api/v1/message-templates/preview', input);
}

// ---------- SMS gateway ----------

export type SmsProviderKind = 'generic_http' | 'kavenegar';
export type SmsProviderView = { kind: SmsProviderKind; enabled: boolean; config: Record<string, unknown>; version: number; updatedAt?: string };
export type SmsProviderInput = { kind: SmsProviderKind; enabled?: boolean; version?: number; config: Record<string, unknown> };

const SMS_PROVIDER = ['sms-provider'] as const;

export function useSmsProvider() {
  return useQuery({
    queryKey: SMS_PROVIDER,
    queryFn: () => api.get<SmsProviderView | null>('/api/v1/sms-provider').then((r) => r ?? null),
  });
}

export function useSaveSmsProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SmsProviderInput) => apiRequest<SmsProviderView>('/api/v1/sms-provider', { method: 'PUT', body: input }),
    onSuccess: (saved) => {
      if (saved) queryClient.setQueryData(SMS_PROVIDER, saved);
      return queryClient.invalidateQueries({ queryKey: SMS_PROVIDER });
    },
  });
}

export function useTestSms() {
  return useMutation({
    mutationFn: (to: string) => api.post<{ providerMessageId: string | null; to: string }>('/api/v1/sms-provider/test', { to }),
  });
}

// ---------- sending to a person ----------

export type SentMessage = { id: string; type: 'email' | 'sms'; deliveryStatus: 'queued' | 'sent' | 'failed' | null; deliveryError?: string | null };

/** When the timeline is fetched again after a send, to show the delivery status the job set. */
const DELIVERY_RECHECK_MS = [3_000, 12_000];

export type SendEmailInput = { templateId?: string; subject?: string; bodyHtml?: string; to?: string };
export type SendSmsInput = { templateId?: string; text?: string; to?: string };

export function useSendToPerson(personId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['timeline'] }),
      queryClient.invalidateQueries({ queryKey: ['activities'] }),
    ]);
  // The message is queued; the delivery job marks it sent (or failed) moments later, so look again then.
  const afterSend = () => {
    for (const delay of DELIVERY_RECHECK_MS) setTimeout(() => void refresh(), delay);
    return refresh();
  };
  const email = useMutation({
    mutationFn: (input: SendEmailInput) =>
      api.post<SentMessage>(`/api/v1/people/${encodeURIComponent(personId)}/emails`, input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: afterSend,
  });
  const sms = useMutation({
    mutationFn: (input: SendSmsInput) =>
      api.post<SentMessage>(`/api/v1/people/${encodeURIComponent(personId)}/sms`, input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: afterSend,
  });
  return { email, sms };
}
