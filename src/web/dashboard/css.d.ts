/** Style sheets are bundled by esbuild (one CSS file next to the script). */
declare module '*.css';

/**
 * The shared i18n/lang.ts (bundled for its `Lang` type and plural rules) names the environment of
 * the command line in a signature the browser never calls.
 */
declare namespace NodeJS {
  type ProcessEnv = Readonly<Record<string, string | undefined>>;
}
