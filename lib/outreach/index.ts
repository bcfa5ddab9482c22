// Outreach: campaign codes and attribution (the link's code, remembered for
// the visit). Partners, campaigns and posters come here too.
export { CAMPAIGN_COOKIE, CAMPAIGN_PARAM, CAMPAIGN_CODE_MAX_LENGTH, parseCampaignCode } from './campaign';
