/** One registered error: the CLI exits with `exit`; the HTTP API answers with `http`. */
export interface ErrorSpec {
  readonly exit: number;
  readonly doc: string;
  readonly http?: number;
}
