/** English messages. Keys are shared with fr.ts; placeholders are {name}. */
export const en = {
  'hint.didYouMean': ' — did you mean "{suggestion}"?',

  BASCULE_E_YAML_SYNTAX: 'YAML syntax error: {detail}',
  BASCULE_E_YAML_DUPLICATE_KEY: 'duplicate key "{key}"',
  BASCULE_E_CONFIG_EMPTY: 'the file is empty: it should start with "version: 1" (see "bascule init")',
  BASCULE_E_CONFIG_UNKNOWN_KEY: 'unknown key "{key}"',
  BASCULE_E_CONFIG_REQUIRED: 'missing required key "{key}"',
  BASCULE_E_CONFIG_TYPE: 'expected {expected}, got {received}',
  BASCULE_E_CONFIG_VALUE: 'invalid value {value}: expected one of {values}',
  BASCULE_E_CONFIG_MIN: '{value} is too small: the minimum is {min}',
  BASCULE_E_CONFIG_MAX: '{value} is too large: the maximum is {max}',
  BASCULE_E_CONFIG_TOO_FEW: 'needs at least {min} item(s)',
  BASCULE_E_CONFIG_INVALID: 'invalid value {value}',
  BASCULE_E_CONFIG_ID:
    'invalid id "{value}": use letters, digits, ".", "_" and "-", starting with a letter or digit',
  BASCULE_E_CONFIG_DURATION: 'invalid duration {value}: write it like 30s, 15m, 4h, 2d or 1h30m',
  BASCULE_E_CONFIG_VERSION: 'unsupported version {value}: this Bascule reads "version: 1"',
  BASCULE_E_CONFIG_DEPENDENCY: 'expected an id, {anyOf: [a, b]} or {quorum: {need: 2, of: [a, b, c]}}',
  BASCULE_E_CONFIG_UNKNOWN_REF: 'unknown {what} "{id}"',
  BASCULE_E_CONFIG_DUPLICATE_ID: '"{id}" is both a service and a component; ids must be unique',
  BASCULE_E_CONFIG_SERVICE_REF:
    'a component cannot depend on service "{id}" (only services depend on services)',
  BASCULE_E_CONFIG_CYCLE: 'dependency cycle: {cycle}',
  BASCULE_E_CONFIG_GROUP_EMPTY: 'empty redundancy group: list at least one member',
  BASCULE_E_CONFIG_GROUP_NEED: 'need must be between 1 and {size} (the number of members), got {need}',
  BASCULE_E_CONFIG_GROUP_DUPLICATE: '"{id}" is listed twice in this group',
  BASCULE_E_CONFIG_CHECK_TARGET: 'a check watches exactly one thing: give "component" or "service"',
  BASCULE_E_CONFIG_CHECK_PROBE: 'a check needs exactly one probe: http, tcp, tls or dns',
  BASCULE_E_USAGE: '{detail}',
  BASCULE_E_CONFIG_MISSING: '{file} not found: create one with "bascule init", or name another with -c FILE',
  BASCULE_E_FILE_READ: 'cannot read {file}: {detail}',
  BASCULE_E_FILE_EXISTS: '{file} already exists; add --force to overwrite it',
  BASCULE_E_PREDICATE: 'invalid predicate "{value}": {detail}',
  BASCULE_E_SCENARIO_UNKNOWN: 'unknown scenario "{id}" (see "bascule scenarios")',

  'finding.single-point-of-failure.message': '{component} alone takes down {services} ({path})',
  'finding.single-point-of-failure.recommendation':
    'Make {component} redundant (a second instance in another zone or provider, declared with anyOf), or record the accepted risk in the continuity plan.',
  'finding.shared-dependency.message':
    'The redundancy {group} of {owner} is illusory: {members} all fail when {shared} fails ({path})',
  'finding.shared-dependency.recommendation':
    'Give each member its own {shared}, or make {shared} itself redundant on another provider.',
  'finding.shared-dependency.placement.message':
    'The redundancy {group} of {owner} is illusory: {members} all run in {shared}',
  'finding.shared-dependency.placement.recommendation':
    'Spread the members over different zones, regions or providers.',
  'finding.shared-dependency.failover.message':
    'Failover {failover} from {primary} to {secondary} is illusory: all of them fail with {place}',
  'finding.shared-dependency.failover.recommendation':
    'Place a secondary of {failover} outside {place}: another region at least, another provider for provider-wide outages.',
  'finding.provider-concentration.message': 'A failure of {provider} takes {service} down whole ({path})',
  'finding.provider-concentration.recommendation':
    'Add a standby of the path shown on another provider, with a failover that does not need {provider} to switch.',
  'finding.region-concentration.message': 'A failure of region {region} takes {service} down whole ({path})',
  'finding.region-concentration.recommendation':
    'Run a standby of the path shown in another region or on another provider.',
  'finding.control-plane-dependency.failover.message':
    'Failover {failover} away from {primary} goes through {via}, which fails with {place}: when {place} fails, the switch itself cannot be made',
  'finding.control-plane-dependency.failover.recommendation':
    "Move {via} off {place}: a DNS or proxy on another provider (or Bascule's own), pre-provisioned so that switching needs no call to {place}.",
  'finding.control-plane-dependency.steering.message':
    'Traffic to {group} is steered by {via}, which fails with {place}: losing {place} also loses the way to the surviving members',
  'finding.control-plane-dependency.steering.recommendation':
    'Host {via} outside {place}, or make it redundant across providers (for DNS: secondary name servers on another provider).',
  'finding.monitoring-gap.none.message': '{service} ({criticality}) has no check watching it',
  'finding.monitoring-gap.none.recommendation':
    'Add an HTTP or TCP check on {service}, run from a vantage point outside {providers}.',
  'finding.monitoring-gap.inside.message':
    '{service} ({criticality}) is watched only from {vantages}, inside the providers it depends on ({providers})',
  'finding.monitoring-gap.inside.recommendation':
    'Add a vantage point on a provider {service} does not use, so an outage of {providers} does not blind the monitor.',
  'finding.monitoring-gap.unplaced.message':
    '{service} ({criticality}) is watched, but no vantage point says where it runs: it may fail with {providers}',
  'finding.monitoring-gap.unplaced.recommendation':
    'Declare vantages with their provider, and run at least one outside {providers}.',

  'cli.help.intro': 'Bascule: know what breaks when a cloud provider fails, and keep running.',
  'cli.help.usage': 'Usage:',
  'cli.help.more': 'Run "bascule <command> --help" for its options. Docs: docs/ in the repository.',
  'cli.unknownCommand': 'unknown command "{command}" (see "bascule --help")',
  'cli.unknownOption': 'unknown option {option} for "bascule {command}"',
  'cli.missingValue': 'option {option} needs a value',
  'cli.unexpectedArgument': 'unexpected argument "{arg}" for "bascule {command}"',
  'cli.badArguments': 'bad arguments: {detail}',
  'cli.badChoice': 'invalid value "{value}" for {flag}: expected one of {allowed}',
  'cli.errorCount': '{count} errors',
  'cli.wrote': 'wrote {file}',
  'cli.col.ID': 'ID',
  'cli.col.DATE': 'DATE',
  'cli.col.DURATION': 'DURATION',
  'cli.col.TITLE': 'TITLE',
  'cli.col.SOURCE': 'SOURCE',
  'cli.col.SERVICE': 'SERVICE',
  'cli.col.CRITICALITY': 'CRITICALITY',
  'cli.col.SCORE': 'SCORE',
  'cli.col.OUTAGES': 'OUTAGES SURVIVED',
  'cli.col.SPOFS': 'SPOFS',
  'cli.col.OUTAGE': 'OUTAGE',
  'cli.col.DOWN': 'SERVICES DOWN',
  'cli.col.COMPONENT': 'COMPONENT',
  'cli.col.COMPONENTS': 'COMPONENTS DOWN',
  'cli.col.CHAIN': 'CHAIN',
  'cli.col.CAUSE': 'ROOT CAUSE',
  'cli.validate.summary': 'check bascule.yaml and report every error with its line and column',
  'cli.validate.ok':
    '{file}: valid — "{name}", {services} services, {components} components, {groups} redundancy groups, {checks} checks',
  'cli.schema.summary': 'print the JSON Schema of bascule.yaml (for editor completion)',
  'cli.scenarios.summary': 'list the historical outages Bascule can replay, with dates and sources',
  'cli.scenarios.hint': 'Replay one against your map: bascule simulate --replay ID',
  'cli.analyze.summary':
    'find single points of failure, shared dependencies, concentration; replay past outages',
  'cli.analyze.title': '{name} — resilience analysis',
  'cli.analyze.counts': '{services} services · {components} components · providers: {providers}',
  'cli.analyze.score': 'Resilience score',
  'cli.analyze.scoreDetail':
    '{spofs} single points of failure · {survived} of {total} service-outage replays survived',
  'cli.analyze.services': 'Services',
  'cli.analyze.findings': 'Findings ({count})',
  'cli.analyze.noFindings': 'No findings.',
  'cli.analyze.more': '… and {count} more (use --format json or html for all of them)',
  'cli.analyze.outages': 'Historical outages replayed',
  'cli.analyze.noOutages': 'No scenarios loaded.',
  'cli.analyze.survives': 'all services survive',
  'cli.analyze.blast': 'Largest blast radius',
  'cli.analyze.noBlast': 'No component takes anything else down.',
  'cli.analyze.method': 'Score: {method}.',
  'cli.simulate.summary':
    'play a failure (--fail provider=aws,region=us-east-1) or a past outage (--replay ID)',
  'cli.simulate.oneMode':
    'give either --fail KEY=VALUE (repeatable) or --replay SCENARIO_ID, not both or neither',
  'cli.simulate.scenario': 'Scenario: {fail}',
  'cli.simulate.sources': 'Sources: {sources}',
  'cli.simulate.simplifies': 'Simplifies: {text}',
  'cli.simulate.nothingMatched': 'No component of the map matches this scenario.',
  'cli.simulate.allUp': 'All services stay up.',
  'cli.simulate.down': '{count} service(s) down',
  'cli.simulate.matched': '{id} [{predicate}, {via}]',
  'cli.simulate.componentsDown': '{count} component(s) down',
  'cli.simulate.degraded': 'Redundancy lost but still up',
  'cli.init.summary': 'write a commented starter bascule.yaml',
  'cli.init.askName': 'Company name?',
  'cli.init.askProviders': 'Cloud providers you use (comma-separated)?',
  'cli.init.askServices': 'Services your customers use (comma-separated)?',
  'cli.init.askSuppliers': 'Suppliers (payment, auth, SaaS; comma-separated)?',
  'cli.init.done': 'wrote {file}; edit it, then run: bascule validate -c {file} && bascule analyze -c {file}',

  'io.noSuchFile': 'no such file',
  'type.string': 'a string',
  'type.number': 'a number',
  'type.integer': 'an integer',
  'type.boolean': 'true or false',
  'type.object': 'a mapping',
  'type.array': 'a list',
  'type.undefined': 'nothing',
  'type.null': 'null',
  'ref.component': 'component',
  'ref.componentOrService': 'component or service',
  'ref.service': 'service',
  'ref.vantage': 'vantage point',
  'predicate.noEquals': 'expected key=value[,key=value...]',
  'predicate.unknownKey': 'unknown key "{key}"; keys are {keys}',
  'predicate.emptyValue': 'empty value for "{key}"',
  'predicate.duplicateKey': '"{key}" given twice',
} as const;

export type MessageKey = keyof typeof en;
