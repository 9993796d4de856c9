// The accounts and policy the end-to-end suites share.
export const ACME = { user_id: '1500000000000000001', handle: 'acmecars', name: 'Acme Cars' };
export const ZEN = { user_id: '1500000000000000002', handle: 'zenbank', name: 'Zen Bank' };
export const STRANGER = { user_id: '1500000000000000009', handle: 'someoneelse', name: 'Someone Else' };
export const ACCOUNTS = [ACME, ZEN, STRANGER];

export const POLICY = {
  schema: 1,
  serial: 7,
  organization: 'Test agency',
  unknown_account: 'block',
  accounts: [
    {
      handle: ACME.handle, user_id: ACME.user_id, display_name: ACME.name, client: 'Acme Cars', kind: 'brand',
      rules: [
        { id: 'acme-banned', kind: 'banned_terms', severity: 'block', message: 'Acme never calls its cars cheap.', terms: ['cheap'] },
        { id: 'acme-careful', kind: 'banned_terms', severity: 'warn', message: 'Legal must approve promises.', terms: ['guarantee'] },
      ],
    },
    { handle: ZEN.handle, user_id: ZEN.user_id, display_name: ZEN.name, client: 'Zen Bank', kind: 'brand', rules: [] },
  ],
};
