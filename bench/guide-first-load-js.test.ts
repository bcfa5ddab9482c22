import { describe, expect, it } from 'vitest';
import { scriptsOf } from './guide-first-load-js';

describe('guide_first_load_js_kb: which scripts a page makes the browser load', () => {
  it('counts script files and inline scripts, not nomodule polyfills nor data blocks', () => {
    const html = `<head><script src="/_next/static/chunks/a.js" async=""></script>
      <script src="/_next/static/chunks/polyfills.js" noModule=""></script>
      <script src="/register-sw.js" data-locale="vi" defer=""></script>
      <script src="/_next/static/chunks/a.js" async=""></script></head>
      <body><script>self.__next_f.push([1,"x"])</script><script type="application/ld+json">{"@type":"Thing"}</script>
      <script type="module" src="/m.js?v=1&amp;x=2"></script><script> </script></body>`;
    expect(scriptsOf(html)).toEqual({
      external: ['/_next/static/chunks/a.js', '/register-sw.js', '/m.js?v=1&x=2'],
      inline: ['self.__next_f.push([1,"x"])'],
    });
  });
});
