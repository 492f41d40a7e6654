/** JT/T 808 codec: framing, decoding, encoding, reassembly and the reply rules. Pure, no I/O. */
export * from './jt808.types.js';
export {
  escape,
  unescape,
  xorChecksum,
  frame,
  Jt808Splitter,
  DEFAULT_MAX_FRAME_BYTES,
} from './jt808.frame.js';
export type { SplitEvent, SplitterOptions, UnescapeResult } from './jt808.frame.js';
export { parsePacket, stripFlags, phoneToUniqueId, MAX_BODY_LENGTH } from './jt808.header.js';
export type { HeaderInput } from './jt808.header.js';
export { decodeFrame, decodePacket, isSupportedMessage } from './jt808.decode.js';
export {
  readLocation,
  writeLocation,
  readGmt8Time,
  writeGmt8Time,
  ALARM_BITS,
  STATUS,
  ITEM,
} from './jt808.location.js';
export type { Jt808LocationInput, DecodedLocation } from './jt808.location.js';
export { Jt808Reassembler } from './jt808.reassembly.js';
export type { ReassemblerOptions, ReassemblyResult } from './jt808.reassembly.js';
export { Jt808Reader } from './jt808.reader.js';
export type { Jt808ReaderOptions } from './jt808.reader.js';
export * from './jt808.encode.js';
export { respond } from './jt808.session.js';
export type {
  Jt808SessionContext,
  Jt808SessionStep,
  Jt808Reply,
  Jt808RegisterDecision,
} from './jt808.session.js';
export { fromHex, toHex, encodeGbk, decodeGbk } from './jt808.bytes.js';
