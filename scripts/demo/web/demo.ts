/**
 * The demo page: renders the webhook's messages the way Dialogflow Messenger
 * does (text bubbles, `richContent` info cards and chips; platform-specific
 * messages are not for it). Type-checked by tsconfig.web.json, compiled by
 * the demo server. No framework: a few DOM calls, text only via textContent.
 */

interface InfoItem {
  type: 'info';
  title?: string;
  subtitle?: string;
  actionLink?: string;
}
interface ChipsItem {
  type: 'chips';
  options?: Array<{ text?: string }>;
}
type RichItem = InfoItem | ChipsItem | { type?: string };

interface Message {
  platform?: string;
  text?: { text?: string[] };
  payload?: { richContent?: RichItem[][] };
}

interface TurnResponse {
  queryResult: {
    intent: { displayName: string };
    fulfillmentText: string;
    fulfillmentMessages: Message[];
  };
  explain: string;
}

interface LanguagesResponse {
  default: string;
  languages: Array<{ code: string; name: string }>;
  /** `es`, and `cx` when the server has the CX agent. */
  editions?: string[];
}

const messages = document.querySelector<HTMLOListElement>('#messages')!;
const composer = document.querySelector<HTMLFormElement>('#composer')!;
const input = document.querySelector<HTMLInputElement>('#text')!;
const picker = document.querySelector<HTMLSelectElement>('#lang')!;
const editionPicker = document.querySelector<HTMLSelectElement>('#edition')!;
/** A new conversation (and session) per language, like a new Messenger window. */
let sessionId = crypto.randomUUID();
let lang = '';
/** `cx`: turns go through the CX agent and reach the webhook as CX WebhookRequests. */
let edition = 'es';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function addRow(who: 'user' | 'bot', ...children: HTMLElement[]): HTMLLIElement {
  const row = element('li', `row ${who}`);
  row.append(...children);
  messages.append(row);
  row.scrollIntoView({ block: 'end' });
  return row;
}

function infoCard(item: InfoItem): HTMLElement {
  const card = item.actionLink ? element('a', 'card') : element('div', 'card');
  if (card instanceof HTMLAnchorElement && item.actionLink) {
    card.href = item.actionLink;
    card.target = '_blank';
    card.rel = 'noopener noreferrer';
  }
  card.append(element('span', 'card-title', item.title ?? ''));
  if (item.subtitle) card.append(element('span', 'card-subtitle', item.subtitle));
  return card;
}

function chips(item: ChipsItem): HTMLElement {
  const list = element('div', 'chips');
  for (const option of item.options ?? []) {
    if (!option.text) continue;
    const chip = element('button', 'chip', option.text);
    chip.type = 'button';
    chip.addEventListener('click', () => void send({ text: option.text! }));
    list.append(chip);
  }
  return list;
}

function render(response: TurnResponse): void {
  const parts: HTMLElement[] = [];
  const result = response.queryResult;
  for (const message of result.fulfillmentMessages) {
    if (message.platform && message.platform !== 'PLATFORM_UNSPECIFIED') continue;
    for (const line of message.text?.text ?? []) if (line) parts.push(element('div', 'bubble', line));
    for (const row of message.payload?.richContent ?? []) {
      for (const item of row) {
        if (item.type === 'info') parts.push(infoCard(item as InfoItem));
        else if (item.type === 'chips') parts.push(chips(item as ChipsItem));
      }
    }
  }
  if (!parts.some((part) => part.classList.contains('bubble')) && result.fulfillmentText) {
    parts.unshift(element('div', 'bubble', result.fulfillmentText));
  }
  const row = addRow('bot', ...parts, element('div', 'explain', response.explain));
  row.dataset.intent = result.intent.displayName;
}

/** Older chips stay visible but answer only once, like Messenger's. */
function retireChips(): void {
  for (const chip of messages.querySelectorAll<HTMLButtonElement>('.chip')) chip.disabled = true;
}

async function send(body: { text: string } | { event: string }): Promise<void> {
  retireChips();
  if ('text' in body) addRow('user', element('div', 'bubble', body.text));
  const typing = addRow('bot', element('div', 'bubble typing', '…'));
  try {
    const response = await fetch('/api/turn', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId, ...(lang ? { lang } : {}), ...(edition === 'cx' ? { edition } : {}), ...body }),
    });
    const json = (await response.json()) as TurnResponse | { error: { message: string } };
    typing.remove();
    if ('error' in json) addRow('bot', element('div', 'bubble error', json.error.message));
    else render(json);
  } catch (error) {
    typing.remove();
    addRow('bot', element('div', 'bubble error', `Could not reach the demo server: ${(error as Error).message}`));
  }
}

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  void send({ text });
});

/** Starts over in a language: empty chat, new session, and the WELCOME event, as Dialogflow Messenger opens. */
function start(code: string): void {
  lang = code;
  sessionId = crypto.randomUUID();
  messages.replaceChildren();
  document.documentElement.lang = code || 'en';
  void send({ event: 'WELCOME' });
  input.focus();
}

async function setUpLanguages(): Promise<void> {
  let list: LanguagesResponse = { default: '', languages: [] };
  try {
    list = (await (await fetch('/api/languages')).json()) as LanguagesResponse;
  } catch {
    // Without the list the page still works, in the agent's default language.
  }
  for (const { code, name } of list.languages) {
    const option = element('option', '', name);
    option.value = code;
    picker.append(option);
  }
  picker.hidden = list.languages.length < 2;
  const asked = new URLSearchParams(location.search).get('lang');
  const initial = list.languages.some((language) => language.code === asked) ? asked! : list.default;
  picker.value = initial;
  picker.addEventListener('change', () => start(picker.value));
  const editions = list.editions ?? ['es'];
  editionPicker.hidden = editions.length < 2;
  const askedEdition = new URLSearchParams(location.search).get('edition');
  edition = askedEdition !== null && editions.includes(askedEdition) ? askedEdition : 'es';
  editionPicker.value = edition;
  // Another edition is another agent: start over, in the same language.
  editionPicker.addEventListener('change', () => {
    edition = editionPicker.value;
    start(picker.value);
  });
  start(initial);
}

void setUpLanguages();
