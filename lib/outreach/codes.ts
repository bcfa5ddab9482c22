// Campaign codes: short enough to type from a poster, from an alphabet with
// no look-alikes (no 0/O, 1/I/L), and random, so one code says nothing about
// another organisation's.
import { randomInt } from 'node:crypto';
import { parseCampaignCode } from './campaign';

/** 31 characters: digits 2–9 and capitals without I, L and O. */
export const CAMPAIGN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const NEW_CAMPAIGN_CODE_LENGTH = 7;

/** A fresh random code (31^7 ≈ 2.8·10^10 of them). */
export function newCampaignCode(): string {
  let code = '';
  for (let i = 0; i < NEW_CAMPAIGN_CODE_LENGTH; i++) code += CAMPAIGN_CODE_ALPHABET[randomInt(CAMPAIGN_CODE_ALPHABET.length)];
  return code;
}

/**
 * A code as typed from a poster ("tetvn26", " TETVN26 ") in the form it is
 * stored; null when it cannot be one. Codes are stored in capitals, so
 * looking one up in capitals finds it however it was typed.
 */
export function normaliseCampaignCode(value: string | null | undefined): string | null {
  return parseCampaignCode(typeof value === 'string' ? value.trim().toUpperCase() : value);
}
