// Settings IT may force through managed storage (`chrome.storage.managed`, Firefox's managed
// storage manifest; schema in ../managed_schema.json). Pure logic: a value outside its range or
// of the wrong type is ignored (the default stays) and reported, so the options page can say why.

export const DEFAULT_SETTINGS = Object.freeze({
  nativeHostName: 'org.handleguard.host',
  hostTimeoutMs: 2000,
  workAsMinutes: 480,
  approvalSeconds: 120,
});

const HOST_NAME = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const integerIn = (min, max) => (value) => Number.isInteger(value) && value >= min && value <= max;

// Each setting's check, with the words the options page shows when a value is refused.
const CHECKS = {
  nativeHostName: { valid: (value) => typeof value === 'string' && value.length <= 200 && HOST_NAME.test(value), expected: 'a native host name such as org.handleguard.host' },
  hostTimeoutMs: { valid: integerIn(200, 30_000), expected: 'an integer from 200 to 30000' },
  workAsMinutes: { valid: integerIn(1, 1440), expected: 'an integer from 1 to 1440' },
  // Shorter only: an approval never outlives the two minutes the guard allows.
  approvalSeconds: { valid: integerIn(10, 120), expected: 'an integer from 10 to 120' },
};

// Returns {settings, managed, ignored}: the settings in force (defaults where IT set nothing
// valid), the names IT set, and [{name, expected}] for values refused (unknown names included).
export function resolveSettings(raw) {
  const settings = { ...DEFAULT_SETTINGS };
  const managed = [];
  const ignored = [];
  const given = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  for (const [name, value] of Object.entries(given)) {
    const check = CHECKS[name];
    if (!check) {
      ignored.push({ name, expected: 'no such setting' });
    } else if (check.valid(value)) {
      settings[name] = value;
      managed.push(name);
    } else {
      ignored.push({ name, expected: check.expected });
    }
  }
  return { settings, managed, ignored };
}
