/**
 * Stand-in for `actions-on-google` in the production bundle.
 *
 * `dialogflow-fulfillment` requires the whole Actions on Google client (~200 ms
 * of require time) only for `DialogflowConversation`: an `instanceof` check in
 * `agent.add()` and the `agent.conv()` factory. We never call `conv()` and never
 * add a conversation, so an empty class keeps the `instanceof` check false.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- `instanceof` needs a class (see above)
export class DialogflowConversation {
  constructor() {
    throw new Error('actions-on-google is not bundled: agent.conv() is not supported by this webhook');
  }
}
