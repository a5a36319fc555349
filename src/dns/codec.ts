/**
 * Typed access to the parts of `dns-packet` the server uses one record at a time (its type
 * definitions only declare whole-packet encode and decode): the question and resource-record
 * decoders, which report how many bytes they read, and the RDATA encoders of each type.
 */
import dnsPacket from 'dns-packet';

interface Decoder<T> {
  readonly decode: { bytes: number } & ((buf: Buffer, offset?: number) => T);
}
interface Encoder<T> {
  readonly encode: { bytes: number } & ((data: T, buf?: Buffer, offset?: number) => Buffer);
  encodingLength(data: T): number;
}

export interface DecodedQuestion {
  name: string;
  type: string;
  class: string;
}

/** A decoded resource record: `data` for ordinary types, the OPT fields for OPT. */
export interface DecodedRecord {
  name: string;
  type: string;
  class?: string;
  ttl?: number;
  data?: unknown;
  udpPayloadSize?: number;
  extendedRcode?: number;
  ednsVersion?: number;
  flags?: number;
  options?: { code: number; data?: Buffer }[];
}

const packet = dnsPacket as unknown as {
  question: Decoder<DecodedQuestion>;
  answer: Decoder<DecodedRecord>;
  record(type: string): Encoder<unknown>;
};

export const questionCodec = packet.question;
export const recordCodec = packet.answer;
/** The RDATA encoder of `type` (it writes the 2-byte length first). */
export const rdataCodec = (type: string): Encoder<unknown> => packet.record(type);
