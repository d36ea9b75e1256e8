export { SourceError, type SourceErrorCode } from "./errors.js";
export {
  connectionHasSources,
  findSourceRow,
  toSource,
  type Source,
  type SourceRow,
} from "./repository.js";
export { SOURCE_TOKEN_PREFIX, hashSourceToken, newSourceToken } from "./source-token.js";
export {
  addSource,
  addSourceInputSchema,
  findSourceByToken,
  getSource,
  listSources,
  rotateSourceToken,
  sourceConnectionId,
  type AddSourceInput,
} from "./sources-service.js";
