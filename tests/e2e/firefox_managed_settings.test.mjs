// Issue 6 items 5 and 6: IT's managed settings (scenarios/managed_settings.mjs) in real Firefox
// ESR, read from a managed storage manifest in the user's HOME (here a throw-away one).
import { managedSettings } from './scenarios/managed_settings.mjs';

managedSettings('firefox');
