// How many loss reports are taken, per registration number and per client.
// Locking needs little proof (it is the safe direction), so these limits
// are what stops someone from trying registration numbers, serials and
// birth dates until a combination matches:
// - 5 reports an hour for one registration number: a resident who mistypes
//   a few times still gets through; someone guessing the serial of a known
//   number gets 5 tries an hour, 120 a day, against ~10^9 serials;
// - 20 reports an hour from one client (address, or IPv6 /64): a shared
//   counter, a family or a help desk behind one address is not blocked,
//   while one client cannot walk through many registration numbers.
// Both windows are fixed hours from the first attempt (lib/limits).
export const LOSS_LIMITS = {
  perRegistrationNumber: { max: 5, windowMs: 60 * 60_000 },
  perClient: { max: 20, windowMs: 60 * 60_000 },
} as const;
