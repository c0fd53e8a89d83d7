// The raw protocol the health poll's probes send. In the built app it is the main process's bundle of @platformatic/kafka
// (platformatic-bundle.ts: one file, validators compiled at first use). From the sources (tests, development) it is
// loaded from the package's own files without its index, and the index's option validators compiled at their first
// use: the Overview's first tiles wait for the health poll, and nothing the page asks for should wait behind ~40 ajv
// compilations (platformatic.ts). Main process only: the search worker's bundle has its own lazy ajv
// (scripts/search-worker/lazy-ajv-2020.mjs) and never imports this file.
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforePlatformaticKafkaLoads, loadPlatformaticKafkaFrom, platformaticKafka, platformaticKafkaLoaded } from './platformatic';
import { platformaticKafkaBundle } from './platformatic-bundle';

type PlatformaticKafka = typeof import('@platformatic/kafka');

export type KafkaWire = Pick<PlatformaticKafka, 'Connection' | 'ResponseError' | 'SASLMechanisms' | 'apiVersionsV3' | 'metadataV12' | 'describeQuorumV2'>;

/** The built app's bundle of the package, or null from the sources. */
const bundle = platformaticKafkaBundle();

const load = createRequire(__filename);
/** The package exports its index only: its other files are required by path (each the very module the index re-exports). */
const distFile = <T>(name: string): T => load(path.join(path.dirname(load.resolve('@platformatic/kafka')), name)) as T;

type Validate = ((...args: unknown[]) => boolean) & { errors?: unknown; schema?: unknown };

/**
 * @platformatic/kafka's shared ajv instance compiles a schema when first validated against, not when compiled: its
 * clients' modules compile every option schema as they load (the Admin's, the Consumer's, the Producer's: about 40),
 * where a console uses a few. The validation itself is the same; a schema is compiled once either way.
 */
function compileValidatorsAtFirstUse(): void {
  const { ajv } = distFile<{ ajv: { compile(schema: unknown): Validate } }>('utils.js');
  const compile = ajv.compile.bind(ajv);
  ajv.compile = (schema) => {
    let compiled: Validate | null = null;
    const validate: Validate = (...args) => {
      compiled ??= compile(schema);
      const valid = compiled(...args);
      validate.errors = compiled.errors;
      return valid;
    };
    validate.errors = null;
    validate.schema = schema;
    return validate;
  };
}

let wire: KafkaWire | null = null;

/**
 * Connection, ResponseError, SASL mechanisms, ApiVersions, Metadata and DescribeQuorum: `instanceof ResponseError` holds
 * across these and the index's (test/unit/kafka/kafka-wire.test.ts).
 */
export function kafkaWire(): KafkaWire {
  if (bundle) return platformaticKafka();
  const whole = platformaticKafkaLoaded();
  if (whole) return whole;
  if (wire) return wire;
  prepareValidators();
  wire = {
    Connection: distFile<Pick<PlatformaticKafka, 'Connection'>>('network/connection.js').Connection,
    ResponseError: distFile<Pick<PlatformaticKafka, 'ResponseError'>>('errors.js').ResponseError,
    SASLMechanisms: distFile<Pick<PlatformaticKafka, 'SASLMechanisms'>>('apis/enumerations.js').SASLMechanisms,
    apiVersionsV3: distFile<PlatformaticKafka['apiVersionsV3']>('apis/metadata/api-versions-v3.js'),
    metadataV12: distFile<PlatformaticKafka['metadataV12']>('apis/metadata/metadata-v12.js'),
    describeQuorumV2: distFile<PlatformaticKafka['describeQuorumV2']>('apis/admin/describe-quorum-v2.js'),
  };
  return wire;
}

let validatorsPrepared = false;
function prepareValidators(): void {
  if (validatorsPrepared || platformaticKafkaLoaded()) return;
  validatorsPrepared = true;
  compileValidatorsAtFirstUse();
}

// Whichever comes first in the main process, the wire or a client, finds the validators deferred (the bundle's are).
if (bundle) loadPlatformaticKafkaFrom(bundle);
else beforePlatformaticKafkaLoads(prepareValidators);
