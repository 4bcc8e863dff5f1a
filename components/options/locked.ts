/**
 * Said beside a setting an enterprise policy set (utils/settings/policy.ts): shown, never editable
 * on the options page. Its own module, so that the ranking's first draw loads nothing more for it.
 */
export const LOCKED_NOTE = 'Set by your organisation';
