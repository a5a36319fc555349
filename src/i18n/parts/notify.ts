/** Messages of alerts (titles, texts, channel errors). */
export const notifyEn = {
  'alert.opened.title': '{service} is {state}',
} as const;

export const notifyFr = {
  'alert.opened.title': '{service} est {state}',
} as const satisfies Record<keyof typeof notifyEn, string>;
