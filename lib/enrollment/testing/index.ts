// The enrollment test kit: residents on a test database, a phone that goes
// through the ceremonies, and the ceremony timing bench. For tests and
// benches only.
export * from './fixtures';
export * from './ceremony-timing';
