/** The dashboard's two languages (a file of its own: format.ts uses it without the browser's storage and navigator). */
export type Lang = 'en' | 'fr';
