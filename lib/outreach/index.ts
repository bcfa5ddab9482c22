// Outreach: partner organisations (community associations and embassies)
// and their accounts, campaigns with short tracked links and printable
// posters, community-day requests, the partner's own funnel, and the
// campaign codes and attribution (the link's code, remembered for the visit).
export { CAMPAIGN_COOKIE, CAMPAIGN_PARAM, CAMPAIGN_CODE_MAX_LENGTH, parseCampaignCode } from './campaign';
export { CAMPAIGN_CODE_ALPHABET, NEW_CAMPAIGN_CODE_LENGTH, newCampaignCode, normaliseCampaignCode } from './codes';
export { outreachErrors, type OutreachErrorCode } from './errors';
export {
  PARTNER_KINDS,
  PARTNER_REGIONS,
  isPartnerRegion,
  partnerOf,
  createPartner,
  listPartners,
  invitePartnerMember,
  type PartnerKind,
  type PartnerRegion,
  type PartnerView,
  type NewPartner,
} from './partners';
export {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_NAME_MAX,
  isCampaignChannel,
  createCampaign,
  listCampaigns,
  getCampaign,
  archiveCampaign,
  campaignByCode,
  type CampaignChannel,
  type CampaignView,
  type NewCampaign,
} from './campaigns';
export {
  COMMUNITY_DAY_LIMITS,
  requestCommunityDay,
  listOwnCommunityDayRequests,
  listCommunityDayRequests,
  scheduleCommunityDay,
  declineCommunityDay,
  type CommunityDayRequestView,
  type NewCommunityDayRequest,
} from './community-days';
export { shortLinkPath, printedShortLink, linkLocale, openCampaignLink, isPersonOpening, type LinkTarget } from './link';
export { FUNNEL_STAGES, partnerFunnel, protectFunnel, type FunnelStage, type ShownCounts, type ShownCampaignFunnel } from './funnel';
export { posterFont, posterQrSvg, scriptFontVariable, type PosterFont } from './poster';
export { DEMO_PARTNERS, seedDemoOutreach } from './demo';
