// The browser side of an enrollment is one opaque random token in a cookie
// (arc_enroll); the database keeps only its SHA-256, so a copy of the
// enrollments table resumes no one's enrollment.
import { createHash, randomBytes } from 'node:crypto';

export const ENROLLMENT_COOKIE = 'arc_enroll';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newEnrollmentToken(): string {
  return randomBytes(32).toString('base64url');
}

export function enrollmentSessionHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_PATTERN.test(token);
}
