// The presentation test kit: deps on a test database with a fixed clock and
// a fresh signing key, a card holder, and token surgery for the negative
// cases. For tests and benches only.
export * from './fixtures';
