// fontverter (a dependency of subset-font) ships no types; the font test
// (scripts/build-fonts.test.ts) turns a woff2 back into TrueType with it.
declare module 'fontverter' {
  export function convert(data: Buffer | Uint8Array, to: 'truetype' | 'woff' | 'woff2' | 'sfnt'): Promise<Buffer>;
}
