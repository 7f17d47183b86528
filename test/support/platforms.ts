/**
 * `originalDetectIntentRequest` as each integration fills it in a Dialogflow
 * ES v2 WebhookRequest: the one-click integrations put the platform's own
 * event under `payload.data` and name themselves in `source` (also repeated
 * in `payload.source`); the phone gateway and Actions on Google send their
 * own payloads; the console and the Dialogflow Messenger web widget send an
 * empty payload and no source. Ids and tokens are made up.
 */
import { webhookRequest, type RequestOptions } from './requests';

export type PlatformName = 'console' | 'messenger' | 'telegram' | 'slack' | 'facebook' | 'line' | 'phone' | 'google';

const ORIGINAL: Record<PlatformName, (text: string) => Record<string, unknown>> = {
  console: () => ({ payload: {} }),
  messenger: () => ({ payload: {} }),
  telegram: (text) => ({
    source: 'telegram',
    payload: {
      source: 'telegram',
      data: {
        update_id: 815202231,
        message: {
          message_id: 1043,
          from: { id: 123456789, is_bot: false, first_name: 'Ada', language_code: 'en' },
          chat: { id: 123456789, first_name: 'Ada', type: 'private' },
          date: 1764527000,
          text,
        },
      },
    },
  }),
  slack: (text) => ({
    source: 'slack',
    payload: {
      source: 'slack',
      data: {
        token: 'verification-token',
        team_id: 'T01ABCDEF',
        api_app_id: 'A01ABCDEF',
        type: 'event_callback',
        event_id: 'Ev01ABCDEF',
        event_time: 1764527000,
        event: { type: 'message', channel_type: 'im', user: 'U01ABCDEF', text, ts: '1764527000.000100', channel: 'D01ABCDEF' },
      },
    },
  }),
  facebook: (text) => ({
    source: 'facebook',
    payload: {
      source: 'facebook',
      data: {
        sender: { id: '2254108171328398' },
        recipient: { id: '177689475607202' },
        timestamp: 1764527000000,
        message: { mid: 'm_D3DJuA0YlOgDgOybFG1M2Z', text },
      },
    },
  }),
  line: (text) => ({
    source: 'line',
    payload: {
      source: 'line',
      data: {
        type: 'message',
        replyToken: '16a59224c65b4c5cbecedc4f3504599b',
        timestamp: 1764527000000,
        mode: 'active',
        source: { type: 'user', userId: 'U905251b5f5759acde5e4788681c04269' },
        message: { type: 'text', id: '12211455206333', text },
      },
    },
  }),
  phone: () => ({ source: 'GOOGLE_TELEPHONY', payload: { telephony: { caller_id: '+15555550123' } } }),
  google: (text) => ({
    source: 'google',
    version: '2',
    payload: {
      isInSandbox: true,
      requestType: 'SIMULATOR',
      surface: { capabilities: [{ name: 'actions.capability.SCREEN_OUTPUT' }, { name: 'actions.capability.AUDIO_OUTPUT' }] },
      inputs: [
        {
          intent: 'actions.intent.TEXT',
          rawInputs: [{ inputType: 'KEYBOARD', query: text }],
          arguments: [{ name: 'text', rawText: text, textValue: text }],
        },
      ],
      user: { locale: 'en-US', userVerificationStatus: 'VERIFIED', lastSeen: '2026-11-30T18:00:00Z' },
      conversation: { conversationId: 'ABwppHGexample', type: 'ACTIVE', conversationToken: '["content-followup"]' },
      availableSurfaces: [{ capabilities: [{ name: 'actions.capability.SCREEN_OUTPUT' }] }],
    },
  }),
};

export const PLATFORMS = Object.keys(ORIGINAL) as PlatformName[];

/** A webhook request as it arrives from `platform`. */
export function platformRequest(platform: PlatformName, options: RequestOptions = {}): Record<string, unknown> {
  const request = webhookRequest(options);
  return { ...request, originalDetectIntentRequest: ORIGINAL[platform](options.queryText ?? 'tell me a joke') };
}

/** "more" from `platform`, with the contexts the previous answer returned. */
export function platformMoreRequest(platform: PlatformName, previous: { outputContexts?: Array<Record<string, unknown>> }) {
  return platformRequest(platform, {
    intent: 'say-content-more',
    queryText: 'another one',
    contexts: (previous.outputContexts ?? []) as RequestOptions['contexts'],
  });
}
