/** Bad input and usage, through the real executable: each error's code, parameters and exit code 2. */
import { before, describe } from 'node:test';
import { checkErrors, ensureBuilt, MAP } from './helpers/bin.ts';

const WITH_CHANNEL = `${MAP}notify:\n  ops: {webhook: 'https://hooks.example.com/bascule'}\n`;

before(ensureBuilt);

describe('the bascule executable on bad input', () => {
  checkErrors([
    {
      name: 'an unknown command',
      args: () => ['analyse'],
      code: 'BASCULE_E_USAGE_UNKNOWN_COMMAND',
      exit: 2,
      params: { command: 'analyse', suggestion: 'analyze' },
    },
    {
      name: 'an unknown option',
      args: () => ['analyze', '--fromat', 'json'],
      code: 'BASCULE_E_USAGE_UNKNOWN_FLAG',
      exit: 2,
      params: { flag: '--fromat', command: 'analyze', suggestion: '--format' },
    },
    {
      name: 'an option without its value',
      args: () => ['analyze', '--format'],
      code: 'BASCULE_E_USAGE_MISSING_VALUE',
      exit: 2,
      params: { flag: '--format' },
    },
    {
      name: 'a short option without its value',
      args: () => ['validate', '-c'],
      code: 'BASCULE_E_USAGE_MISSING_VALUE',
      exit: 2,
      params: { flag: '--config' },
    },
    {
      name: 'a value given to an on/off option',
      args: () => ['init', '--yes=1'],
      code: 'BASCULE_E_USAGE_UNEXPECTED_VALUE',
      exit: 2,
      params: { flag: '--yes' },
    },
    {
      name: 'an argument a command does not take',
      args: () => ['validate', 'extra'],
      code: 'BASCULE_E_USAGE_UNEXPECTED_ARGUMENT',
      exit: 2,
      params: { arg: 'extra', command: 'validate' },
    },
    {
      name: 'a --format value not allowed',
      args: () => ['analyze', '--format', 'xml'],
      code: 'BASCULE_E_USAGE_FLAG_VALUE',
      exit: 2,
      params: { flag: '--format', value: 'xml' },
    },
    {
      name: 'an unknown --lang',
      args: () => ['validate', '--lang', 'de'],
      code: 'BASCULE_E_USAGE_FLAG_VALUE',
      exit: 2,
      params: { flag: '--lang', value: 'de' },
    },
    {
      name: 'simulate with neither --fail nor --replay',
      args: () => ['simulate'],
      code: 'BASCULE_E_USAGE_SIMULATE_MODE',
      exit: 2,
    },
    {
      name: 'a --fail predicate without =',
      args: () => ['simulate', '--fail', 'aws'],
      code: 'BASCULE_E_PREDICATE_SYNTAX',
      exit: 2,
      params: { value: 'aws' },
    },
    {
      name: 'a --fail predicate with an unknown key',
      args: () => ['simulate', '--fail', 'colour=red'],
      code: 'BASCULE_E_PREDICATE_KEY',
      exit: 2,
      params: { key: 'colour' },
    },
    {
      name: 'an unknown scenario',
      args: () => ['simulate', '--replay', 'nope'],
      code: 'BASCULE_E_SCENARIO_UNKNOWN',
      exit: 2,
      params: { id: 'nope' },
    },
    {
      name: 'notify without "test CHANNEL"',
      args: () => ['notify', 'ops'],
      code: 'BASCULE_E_USAGE_NOTIFY',
      exit: 2,
    },
    {
      name: 'notify test on a map without channels',
      args: () => ['notify', 'test', 'ops'],
      code: 'BASCULE_E_NOTIFY_NONE',
      exit: 2,
    },
    {
      name: 'notify test on an unknown channel',
      args: () => ['notify', 'test', 'opz'],
      map: WITH_CHANNEL,
      code: 'BASCULE_E_NOTIFY_UNKNOWN_CHANNEL',
      exit: 2,
      params: { channel: 'opz', channels: 'ops', suggestion: 'ops' },
    },
    {
      name: 'a missing map',
      args: () => ['validate', '-c', 'nope.yaml'],
      code: 'BASCULE_E_CONFIG_MISSING',
      exit: 2,
      params: { file: 'nope.yaml' },
    },
    {
      name: 'a map that is a directory',
      args: () => ['validate', '-c', 'folder'],
      code: 'BASCULE_E_FILE_READ',
      exit: 2,
      params: { file: 'folder', reason: 'EISDIR' },
    },
    {
      name: 'a --scenarios folder that does not exist',
      args: () => ['analyze', '--scenarios', 'missing'],
      code: 'BASCULE_E_FILE_NOT_FOUND',
      exit: 2,
    },
    {
      name: 'an --out in a folder that does not exist',
      args: () => ['analyze', '--out', 'no/such/report.json'],
      code: 'BASCULE_E_FILE_WRITE',
      exit: 2,
      params: { file: 'no/such/report.json', reason: 'ENOENT' },
    },
  ]);
});
