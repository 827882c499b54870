// Static assets the standalone page needs that Grafana itself would serve:
// @grafana/ui's icons, fallbacks for icons only Grafana's server ships, and the Inter/Roboto Mono fonts.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = (name) => path.dirname(require.resolve(`${name}/package.json`));

const svg = (body) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${body}</svg>\n`;
const CHEVRONS =
  '<path d="M11.7 6.3a1 1 0 0 1 0 1.4L7.4 12l4.3 4.3a1 1 0 0 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0Zm6 0a1 1 0 0 1 0 1.4L13.4 12l4.3 4.3a1 1 0 0 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0Z"/>';
/** Our own drawings for the icons the pages show; a neutral dot for the rest. */
const DRAWN = {
  'angle-double-left': svg(CHEVRONS),
  'angle-double-up': svg(`<g transform="rotate(90 12 12)">${CHEVRONS}</g>`),
  spinner: svg('<path d="M12 2a10 10 0 1 0 10 10h-2a8 8 0 1 1-8-8V2Z"/>'),
  exclamation: svg('<path d="M11 4h2v11h-2zM11 17h2v2h-2z"/>'),
};
const GENERIC = svg('<circle cx="12" cy="12" r="3"/>');

/** Icon names Grafana knows (availableIconsIndex of @grafana/data). */
async function knownIconNames() {
  const source = await readFile(path.join(pkgDir('@grafana/data'), 'dist', 'esm', 'types', 'icon.mjs'), 'utf8');
  const index = source.match(/availableIconsIndex = \{([\s\S]*?)\n\};/);
  return index ? [...index[1].matchAll(/^\s*"?([a-z0-9-]+)"?:\s*true/gm)].map((m) => m[1]) : Object.keys(DRAWN);
}

export async function copyStandaloneAssets(outDir) {
  const icons = path.join(outDir, 'public', 'build', 'img', 'icons');
  await cp(path.join(pkgDir('@grafana/ui'), 'dist', 'public', 'img', 'icons'), icons, { recursive: true });
  const unicons = path.join(icons, 'unicons');
  const present = new Set((await readdir(unicons)).map((f) => f.replace(/\.svg$/, '')));
  let fallbacks = 0;
  for (const name of await knownIconNames()) {
    if (!present.has(name)) {
      await writeFile(path.join(unicons, `${name}.svg`), DRAWN[name] ?? GENERIC);
      fallbacks++;
    }
  }

  const fonts = path.join(outDir, 'public', 'fonts');
  await mkdir(path.join(fonts, 'inter'), { recursive: true });
  await mkdir(path.join(fonts, 'roboto'), { recursive: true });
  const inter = path.join(pkgDir('@fontsource/inter'), 'files');
  for (const [from, to] of [
    ['inter-latin-400-normal.woff2', 'Inter-Regular.woff2'],
    ['inter-latin-500-normal.woff2', 'Inter-Medium.woff2'],
    ['inter-latin-400-italic.woff2', 'Inter-Italic.woff2'],
    ['inter-latin-500-italic.woff2', 'Inter-MediumItalic.woff2'],
  ]) {
    await cp(path.join(inter, from), path.join(fonts, 'inter', to));
  }
  // @grafana/ui names its Roboto Mono file after Google Fonts' hash.
  await cp(
    path.join(pkgDir('@fontsource/roboto-mono'), 'files', 'roboto-mono-latin-400-normal.woff2'),
    path.join(fonts, 'roboto', 'L0xTDF4xlVMF-BfR8bXMIhJHg45mwgGEFl0_3vrtSM1J-gEPT5Ese6hmHSh0mQ.woff2')
  );
  return { fallbacks };
}
