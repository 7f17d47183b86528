/**
 * What a user of Dialogflow Messenger sees of an answer: the text messages,
 * then the `payload.richContent` rows (an `info` card with a link, `chips`).
 * Platform-specific messages (quickReplies for Telegram, ...) are not shown by
 * Messenger; their chips are used only when there is no richContent at all.
 */
export interface LinkCard {
  readonly title: string;
  readonly subtitle: string;
  readonly url: string;
}

export interface DisplayReply {
  readonly texts: readonly string[];
  readonly card?: LinkCard;
  readonly chips: readonly string[];
}

type Message = Record<string, unknown>;

export function displayReply(fulfillmentText: string, messages: readonly unknown[] = []): DisplayReply {
  const texts: string[] = [];
  const chips: string[] = [];
  const quickReplies: string[] = [];
  let card: LinkCard | undefined;
  let richContent = false;

  for (const message of messages as Array<Message | null | undefined>) {
    if (!message || typeof message !== 'object') continue;
    const text = message.text as { text?: unknown } | undefined;
    if (text && Array.isArray(text.text) && !message.platform) {
      texts.push(...text.text.filter((line): line is string => typeof line === 'string' && line !== ''));
    }
    const quick = message.quickReplies as { quickReplies?: unknown } | undefined;
    if (quick && Array.isArray(quick.quickReplies)) {
      quickReplies.push(...quick.quickReplies.filter((chip): chip is string => typeof chip === 'string'));
    }
    const rows = (message.payload as { richContent?: unknown } | undefined)?.richContent;
    if (!Array.isArray(rows)) continue;
    richContent = true;
    for (const item of rows.flat() as Array<Message | null | undefined>) {
      if (item?.type === 'info' && typeof item.title === 'string') {
        card ??= {
          title: item.title,
          subtitle: typeof item.subtitle === 'string' ? item.subtitle : '',
          url: typeof item.actionLink === 'string' ? item.actionLink : '',
        };
      } else if (item?.type === 'chips' && Array.isArray(item.options)) {
        for (const option of item.options as Array<Message | null | undefined>) if (typeof option?.text === 'string') chips.push(option.text);
      }
    }
  }
  if (texts.length === 0 && fulfillmentText) texts.push(fulfillmentText);
  return { texts, ...(card ? { card } : {}), chips: richContent ? chips : [...new Set(quickReplies)] };
}

/** Plain-text rendering for the terminal. */
export function formatReply(reply: DisplayReply): string {
  const lines = [...reply.texts];
  if (reply.card) lines.push(`🔗 ${reply.card.title} (${reply.card.subtitle})`, `   ${reply.card.url}`);
  if (reply.chips.length > 0) lines.push(reply.chips.map((chip) => `[${chip}]`).join(' '));
  return lines.join('\n');
}
