import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL bytea as a Node Buffer, on both PGlite and pg. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  toDriver(value) {
    return value;
  },
  fromDriver(value) {
    return Buffer.isBuffer(value) ? value : Buffer.from(value);
  },
});
