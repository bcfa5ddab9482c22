// The passkeys test kit: a software authenticator that makes real WebAuthn
// registrations and assertions. For tests and benches only.
export * from './soft-authenticator';
