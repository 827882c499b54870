/** The sign-in form of /ui/login: a token in, a session cookie out; no script on the page. */

const STYLE = `
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
    background: #111217; color: #ccccdc; font: 14px/1.5 Inter, Helvetica, Arial, sans-serif; }
  main { width: 360px; padding: 32px; background: #181b1f; border: 1px solid #2c3235; border-radius: 4px; }
  h1 { font-size: 20px; margin: 0 0 8px; color: #fff; }
  p { margin: 0 0 16px; color: #8e8e8e; }
  label { display: block; margin-bottom: 4px; font-weight: 500; }
  input { box-sizing: border-box; width: 100%; padding: 8px; margin-bottom: 16px; color: #ccccdc;
    background: #111217; border: 1px solid #3d4045; border-radius: 2px; }
  button { width: 100%; padding: 8px; color: #fff; background: #3d71d9; border: 0; border-radius: 2px;
    font-weight: 500; cursor: pointer; }
  .error { color: #ff5286; }
`;

export function loginPage(error?: string): string {
  const message = error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sign in · RPA Analytics</title>
    <link rel="icon" href="/ui/public/img/logo.svg" />
    <style>${STYLE}</style>
  </head>
  <body>
    <main>
      <h1>RPA Analytics</h1>
      <p>Sign in with an analyzer token (viewer, editor or admin; see RPA_ANALYZER_TOKENS).</p>
      ${message}
      <form method="post" action="/ui/session">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus />
        <button type="submit">Sign in</button>
      </form>
    </main>
  </body>
</html>
`;
}

export function missingBundlePage(dir: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>UI not built · RPA Analytics</title><link rel="icon" href="data:," /></head>
  <body style="font: 14px/1.5 Helvetica, Arial, sans-serif; margin: 40px">
    <h1>The standalone UI is not built</h1>
    <p>${escapeHtml(missingBundleMessage(dir))}</p>
  </body>
</html>
`;
}

export function missingBundleMessage(dir: string): string {
  return (
    `the standalone UI is not built (no index.html in ${dir}): run "npm run build" at the repository root ` +
    `(or "npm run build:standalone -w grafana-plugin"), or point RPA_ANALYZER_UI_DIR at a built bundle`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
