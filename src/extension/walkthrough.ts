/**
 * The getting-started walkthrough opens once, on the first start of the installed extension in a
 * profile (as a new user meets it). Not in development or test runs, where it would only cover
 * the editor under test; the Welcome view's link and Help > Get Started open it any time.
 */
import * as vscode from 'vscode';
import type { Services } from './services';

export const WALKTHROUGH_SHOWN_KEY = 'impactNotes.walkthroughShown';

export function register(context: vscode.ExtensionContext, services: Services): { opened: Promise<boolean> } {
  const opened = (async () => {
    if (context.extensionMode !== vscode.ExtensionMode.Production || context.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return false;
    await context.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false);
    services.log.info('opened the getting-started walkthrough (first start)');
    return true;
  })().catch((err) => {
    services.log.error('could not open the getting-started walkthrough', err);
    return false;
  });
  return { opened };
}
