/**
 * Debian's Chromium through playwright-core, with the flags TESTING.md §0 uses as root. Both
 * code-server scripts need a browser: the workbench (and with it the extension host) only starts
 * for a connected page.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.AKS_NETLINT_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Milliseconds since `start`, for the timings the scripts print. */
export function stopwatch(): () => number {
  const start = Date.now();
  return () => Date.now() - start;
}

/** An environment variable the script cannot run without. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
