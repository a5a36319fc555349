/** The error answers routes declare for the OpenAPI document, and the operator's security requirement. */
import { errorSchema, OPERATOR_AUTH } from './schemas.ts';

export const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});
export const unauthorized = errorAnswer('Missing or wrong operator token (WWW-Authenticate: Bearer)');
export const operatorSecurity = [{ [OPERATOR_AUTH]: [] }];
/** The answers every route with a JSON body may give before its handler runs. */
export const bodyErrors = {
  400: errorAnswer('Not JSON, or a field is missing or invalid (the message names it)'),
  413: errorAnswer('Body over its limit, declared or chunked'),
  415: errorAnswer('Body not sent as application/json'),
};
