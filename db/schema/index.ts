export * from './registry';
export * from './audit';
export * from './analytics';
export * from './webauthn';
