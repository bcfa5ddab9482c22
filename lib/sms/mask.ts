/** "010-1234-5678" → "010-****-5678": enough for a person to recognise their number, not enough to use it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  const head = digits.slice(0, 3);
  const tail = digits.slice(-4);
  return `${head}-${'*'.repeat(Math.max(3, digits.length - 7))}-${tail}`;
}
