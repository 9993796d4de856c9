// Issue 6 item 5 in real Chromium: IT's managed settings (scenarios/managed_settings.mjs).
import { managedSettings } from './scenarios/managed_settings.mjs';

managedSettings('chromium');
