import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotFrameworkSettings } from '../../../config/channel-settings.js';

/**
 * The CloudAdapter for /api/messages and proactive replies. With MICROSOFT_APP_ID set every
 * incoming request must carry a valid Bot Framework token and replies are sent with the app's
 * credentials; without it (Emulator, local tests) authentication is off.
 */
export function createBotFrameworkAdapter(settings: BotFrameworkSettings): {
  adapter: CloudAdapter;
  auth: ConfigurationBotFrameworkAuthentication;
} {
  const appId = settings.authEnabled ? settings.MICROSOFT_APP_ID : undefined;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    ...(appId ? { MicrosoftAppId: appId } : {}),
    ...(appId && settings.MICROSOFT_APP_PASSWORD ? { MicrosoftAppPassword: settings.MICROSOFT_APP_PASSWORD } : {}),
    ...(appId ? { MicrosoftAppType: settings.MICROSOFT_APP_TYPE } : {}),
    ...(appId && settings.MICROSOFT_APP_TENANT_ID ? { MicrosoftAppTenantId: settings.MICROSOFT_APP_TENANT_ID } : {}),
  });
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      ...(appId ? { MicrosoftAppId: appId } : {}),
      ...(appId && settings.MICROSOFT_APP_TENANT_ID ? { MicrosoftAppTenantId: settings.MICROSOFT_APP_TENANT_ID } : {}),
    },
    credentials,
  );
  return { adapter: new CloudAdapter(auth), auth };
}
