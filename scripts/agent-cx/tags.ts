/**
 * The `fulfillmentInfo.tag` of each webhook call the CX agent makes: the list the webhook's CX
 * adapter routes by, so the agent cannot call a tag the webhook does not know.
 */
export { CX_TAGS as TAGS, type CxTag as Tag } from '../../src/dialogflow/cx-tags';
