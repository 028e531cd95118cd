// Builds the web app (Preact + Chart.js, bundled by esbuild) into web/dist, which the API serves under /app.
// Run by `npm run build` (so by `npm start`) and by `npm test`; about a second. `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { app: join(here, 'src', 'main.tsx') },
  bundle: true,
  format: 'esm',
  target: ['chrome109', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: !watch,
  sourcemap: true,
  outdir: join(out, 'assets'),
  // Content-hashed names: the API caches assets for good and never caches the page that names them.
  entryNames: watch ? '[name]' : '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
};

function writeShell(metafile) {
  const files = Object.keys(metafile.outputs).map((f) => f.split('/').pop());
  const js = files.find((f) => /^app.*\.js$/.test(f));
  const css = files.find((f) => /^app.*\.css$/.test(f));
  const html = readFileSync(join(here, 'index.html'), 'utf8')
    .replace('<!--styles-->', css ? `<link rel="stylesheet" href="/app/assets/${css}">` : '')
    .replace('<!--script-->', `<script type="module" src="/app/assets/${js}"></script>`);
  writeFileSync(join(out, 'index.html'), html);
  return { js, css, version: createHash('sha256').update(html).digest('hex').slice(0, 8) };
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
if (watch) {
  const ctx = await context({ ...options, plugins: [{ name: 'shell', setup: (b) => b.onEnd((r) => r.metafile && writeShell(r.metafile)) }] });
  await ctx.watch();
  process.stdout.write('[web] watching web/src\n');
} else {
  const result = await build(options);
  const { js } = writeShell(result.metafile);
  process.stdout.write(`[web] built web/dist (${js}) in ${Date.now() - started} ms\n`);
}
