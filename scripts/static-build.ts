// The pages that show nobody's data (the guide, the home page, the checker,
// the privacy and transparency pages…) are prerendered by `next build`, so
// what they show of the configuration is the build's: the demo banner
// (components/demo-banner.tsx) and the absolute language links (hreflang).
// The server compares its own configuration with what a prerendered page says
// before it serves anything: a demo without its banner (synthetic data that
// looks real) or a real install that says "demo" is refused with the command
// that fixes it; an origin that differs is said once in the log.
import fs from 'node:fs';
import path from 'node:path';

const DEMO_BANNER_MARKER = 'data-testid="demo-banner"';

export type StaticBuildCheck = { refuse: string | null; warn: string | null };

/** Reads one prerendered page of the build in `distDir` (none: nothing was baked, nothing to check). */
export function checkStaticBuild(distDir: string, running: { demo: boolean; origin: string | undefined }): StaticBuildCheck {
  const page = path.join(distDir, 'server', 'app', 'en', 'privacy.html');
  let html: string;
  try {
    html = fs.readFileSync(page, 'utf8');
  } catch {
    return { refuse: null, warn: null };
  }
  const builtDemo = html.includes(DEMO_BANNER_MARKER);
  let refuse: string | null = null;
  if (builtDemo !== running.demo) {
    refuse = builtDemo
      ? 'ARC Mobile: this build shows the demo banner on its prerendered pages, but this server is not the demo ' +
        '(ARC_DEMO=0, PostgreSQL without ARC_DEMO=1, or a database that is not a demo one). ' +
        'Build again with the same settings as the server (e.g. ARC_DEMO=0 npm run build); npm start does so by itself.'
      : 'ARC Mobile: this server is the demo (synthetic data), but this build was made for a real install and its ' +
        'prerendered pages do not say "demo". Build again with the same settings as the server (e.g. ARC_DEMO=1 npm run build); ' +
        'npm start does so by itself.';
  }
  const builtOrigin = /<link rel="alternate" hrefLang="[^"]+" href="([^"]*)\/[a-zA-Z-]+"/.exec(html)?.[1];
  const warn =
    running.origin !== undefined && builtOrigin !== undefined && builtOrigin !== running.origin
      ? `ARC Mobile: the prerendered pages' language links point at ${builtOrigin || '(no origin)'}, this server's first origin is ${running.origin}; build with ARC_ORIGINS set as it is here to fix them.`
      : null;
  return { refuse, warn };
}
