// Attribution without personal data: a campaign code from an outreach link
// (?c=CODE) is remembered for the visit in a first-party session cookie
// holding the code and nothing else, and funnel events are counted per day,
// locale and campaign. No identifier of the visitor is ever made or stored.

/** The session cookie that remembers the campaign for the visit. */
export const CAMPAIGN_COOKIE = 'arc_c';
/** The query parameter of a campaign link. */
export const CAMPAIGN_PARAM = 'c';
/** The longest campaign code: a code is a short, printable slug on a poster's link. */
export const CAMPAIGN_CODE_MAX_LENGTH = 32;

const CAMPAIGN_CODE = new RegExp(`^[A-Za-z0-9_-]{1,${CAMPAIGN_CODE_MAX_LENGTH}}$`);

/** A campaign code as given, or null when it is not one (anything else is ignored, never stored). */
export function parseCampaignCode(value: string | null | undefined): string | null {
  return typeof value === 'string' && CAMPAIGN_CODE.test(value) ? value : null;
}
