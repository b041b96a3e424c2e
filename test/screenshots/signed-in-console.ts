import type { Browser, Page } from 'playwright-core';

/** A wide page (1440×900) signed in to the console as `name`, its queue live. */
export async function signedInConsole(browser: Browser, url: string, name: string, password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${url}/console/login?next=/console`);
  await page.fill('#username', name);
  await page.fill('#password', password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('.live-status.live');
  return page;
}
