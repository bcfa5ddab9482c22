// What the officer's loss page shows between its action and its client
// component (no server-only imports).
export type OfficerLossResident = {
  residentId: number;
  name: string;
  registrationNumber: string;
  /** Formatted in the officer's language. */
  birthDate: string;
  nationality: string;
  cardSerial: string | null;
  /** Mobile cards active now, and locked before. */
  active: number;
  locked: number;
  lastReport: { reference: string; at: string } | null;
};

export type OfficerLossState = {
  resident?: OfficerLossResident;
  /** What the officer typed: the lock step looks the resident up again with it. */
  registrationNumber?: string;
  /** The report, once the card is locked. */
  locked?: { reference: string; lockedCount: number };
  error?: string;
};
