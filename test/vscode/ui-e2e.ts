/**
 * The extension as a user sees it: drives code-server's workbench (VS Code 1.100) in Chromium with
 * playwright-core (TESTING.md §1.4). The .vsix is installed by scripts/with-code-server.sh; the
 * workspace is a copy of examples/broken. It opens main.tf, waits for the squiggles and the
 * Problems panel, hovers the overlay-mode-case finding, runs "AKS: Show Packet Flow" from the
 * command palette and waits for the diagram's SVG inside the webview.
 *
 * Env: CS_URL (from the launcher), WS (workspace folder), SHOT_DIR (where screenshots go; the
 * caller points it at docs/images only for UPDATE_SCREENSHOTS=1, and a failure.png lands there
 * too). Prints one line `RESULT <json>` with what it saw, for test/editors/vscode.test.ts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, requiredEnv, stopwatch } from './browser.js';

const CS_URL = requiredEnv('CS_URL');
const WS = requiredEnv('WS');
const SHOT_DIR = requiredEnv('SHOT_DIR');
mkdirSync(SHOT_DIR, { recursive: true });

const elapsed = stopwatch();
const steps: [string, number][] = [];
const step = (name: string) => steps.push([name, elapsed()]);

async function palette(page: Page, text: string, row: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(text);
  await page.locator(`.quick-input-list .monaco-list-row:has-text("${row}")`).first().waitFor();
  await page.keyboard.press('Enter');
}

async function main(): Promise<boolean> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
    const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label*="main.tf"]');
    await row.waitFor({ timeout: 60000 });
    step('workbench');
    await row.dblclick(); // opening a .tf file activates the extension (and workspaceContains did already)
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 20000 });
    // Monaco renders only the visible lines: bring the network_profile block into view, with the
    // cursor inside the cluster for the packet-flow command later.
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('64:27');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
    step('squiggle');
    await page.keyboard.press('Control+Shift+M'); // the Problems panel
    const problem = page.locator('.markers-panel .monaco-list-row:has-text("overlay-mode-case")');
    await problem.waitFor({ timeout: 20000 });
    const problems = await page.locator('.markers-panel .monaco-list-row').allTextContents();
    // The panel took focus: give it back to the editor so the palette command sees a Terraform editor.
    await page.keyboard.press('Control+1');
    const squiggles = await page.locator('.monaco-editor .squiggly-error').count();
    await page.screenshot({ path: join(SHOT_DIR, 'vscode-squiggle.png') });
    step('problems');

    // The text layer covers the squiggle: move the mouse over the value instead of locator.hover().
    // (The comment above it says "Overlay" too: find the value on its own line.)
    const value = page
      .locator('.monaco-editor .view-line', { hasText: 'network_plugin_mode = "Overlay"' })
      .locator('span span', { hasText: 'Overlay' })
      .last();
    const box = await value.boundingBox();
    if (!box) throw new Error('"Overlay" is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // VS Code shows the diagnostic part at once and "Loading..." until the server answers: wait
    // for the server's part (its "Allowed values" line), not just for the hover to appear.
    const hover = page
      .locator('.monaco-hover:visible', { hasText: 'Allowed values', hasNotText: 'Loading...' })
      .filter({ hasText: 'overlay-mode-case' })
      .first();
    await hover.waitFor({ timeout: 20000 });
    const hoverText = await hover.innerText();
    await page.screenshot({ path: join(SHOT_DIR, 'vscode-hover.png') });
    step('hover');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');

    // Room for the diagram: hide the side bar and the Problems panel (the editor has the focus).
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+J');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  await palette(page, 'AKS: Show Packet Flow', 'Show Packet Flow');
    // The webview is two iframes deep: VS Code's host frame, then the extension's page.
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await webview.locator('#diagram svg g.node').first().waitFor({ timeout: 60000 });
    const nodes = await webview.locator('#diagram svg g.node').allTextContents();
    const title = await webview.locator('#title').innerText();
    const tab = await page.locator('.tabs-container .tab[aria-label^="Packet flow"]').first().getAttribute('aria-label');
    // The view empties and hides its "Drawing…" status once Mermaid's SVG is in place.
    await webview.locator('#status').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(SHOT_DIR, 'vscode-packet-flow.png') });
    step('packet flow');
    console.log(`RESULT ${JSON.stringify({ squiggles, problems, hoverText, nodes, title, tab, steps, pageErrors })}`);
    return true;
  } catch (error) {
    await page.screenshot({ path: join(SHOT_DIR, 'failure.png') }).catch(() => undefined);
    console.log(`FAILED after ${JSON.stringify(steps)}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    await browser.close();
  }
}

// CommonJS under tsx: no top-level await.
main().then((ok) => process.exit(ok ? 0 : 1), (error) => {
  console.error(error);
  process.exit(1);
});
